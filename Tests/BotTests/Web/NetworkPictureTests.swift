import Testing

@testable import Bot

struct NetworkPictureTests {
    static let kinds = [
        NetworkPicture.Kind(key: "praktisch", label: "Praktisch"), NetworkPicture.Kind(key: "emotioneel", label: "Steun"),
        NetworkPicture.Kind(key: "advies", label: "Advies"), NetworkPicture.Kind(key: "gezelschap", label: "Gezelschap")
    ]

    static func member(
        _ name: String, _ closeness: String?, support: [String] = [], actions: [String] = [], reminders: String = "nee, geen telefoon"
    ) -> NetworkPicture.Member {
        NetworkPicture.Member(
            name: name, relation: "zus", support: support, closeness: closeness, phone: "-", actions: actions, reminders: reminders)
    }

    /// The picture as the inwoner page draws it: the `netwerk` template with the view's values.
    static func svg(_ picture: NetworkPicture) throws -> String {
        try #require(try Pages.load().html("netwerk", picture.values))
    }

    static func dots(_ values: [String: Any]) -> [[String: Any]] { values["dots"] as? [[String: Any]] ?? [] }

    @Test func closeMembersAreOnTheInnerRingAndTheOthersOnTheOuterRing() {
        let picture = NetworkPicture(
            members: [
                Self.member("Ans", "dichtbij", support: ["praktisch"]), Self.member("Bo", "verder"),
                Self.member("Cor", "dichtbij"), Self.member("Dees", nil)
            ], kinds: Self.kinds)
        let dots = Self.dots(picture.values)
        // The inner ring first (radius 85 round 320, 210), from the top clockwise; then the outer
        // ring (radius 165) half a step on: right, then left.
        #expect(dots.map { $0["name"] as? String } == ["Ans", "Cor", "Bo", "Dees"])
        #expect(
            dots.map { "\($0["x"] as? String ?? ""),\($0["y"] as? String ?? "")" } == [
                "320.0,125.0", "320.0,295.0", "485.0,210.0", "155.0,210.0"
            ])
        // Closeness not known: on the outer ring, drawn open and marked so.
        #expect(dots.map { $0["unknown"] as? Bool } == [false, false, false, true])
        #expect(dots[3]["note"] as? String == "onbekend")
    }

    @Test func oneMemberOnARingIsAtTheTop() {
        let dots = Self.dots(NetworkPicture(members: [Self.member("Ans", "verder")], kinds: Self.kinds).values)
        #expect(dots.first?["x"] as? String == "320.0")
        #expect(dots.first?["y"] as? String == "45.0")
    }

    @Test func everyKindOfSupportHasItsOwnMarkAndTheLegendNamesThem() throws {
        let values = NetworkPicture(
            members: [Self.member("Ans", "dichtbij", support: ["gezelschap", "praktisch"])], kinds: Self.kinds
        ).values
        let legend = try #require(values["legend"] as? [[String: Any]])
        #expect(legend.map { $0["label"] as? String } == ["Praktisch", "Steun", "Advies", "Gezelschap"])
        let shapes = legend.compactMap { $0["marker"] as? [String: Any] }
        #expect(shapes.map { $0["kind"] as? Int } == [0, 1, 2, 3])
        #expect(shapes.map { $0["circle"] as? Bool } == [false, true, false, false])
        #expect(Set(shapes.compactMap { $0["points"] as? String }).count == 3)
        // Ans's marks in the list's order, whatever order they were given in; the words say the same.
        let dot = try #require(Self.dots(values).first)
        #expect((dot["markers"] as? [[String: Any]])?.map { $0["key"] as? String } == ["praktisch", "gezelschap"])
        #expect(dot["support"] as? String == "Praktisch, Gezelschap")
    }

    @Test func theTableHoldsTheSameMembersAsThePicture() throws {
        let picture = NetworkPicture(
            members: [
                Self.member("Ans", "dichtbij", support: ["praktisch", "advies"], actions: ["Samen naar de corporatie"], reminders: "ja"),
                Self.member("Bo", nil)
            ], kinds: Self.kinds)
        let values = picture.values
        let rows = try #require(values["rows"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == Self.dots(values).map { $0["name"] as? String })
        #expect(rows.map { $0["support"] as? String } == Self.dots(values).map { $0["support"] as? String })
        #expect(rows.map { $0["closeness"] as? String } == ["dichtbij", "onbekend"])
        #expect(rows.map { $0["actions"] as? String } == ["Samen naar de corporatie", "geen"])
        #expect(rows.map { $0["reminders"] as? String } == ["ja", "nee, geen telefoon"])
        #expect(rows[1]["support"] as? String == "niet bekend")
        let html = try Self.svg(picture)
        #expect(
            html.contains(
                "<th scope=\"row\">Ans</th><td>zus</td><td>Praktisch, Advies</td><td>dichtbij</td><td>-</td><td>Samen naar de corporatie</td><td>ja</td>"
            ))
    }

    @Test func namesAreEscapedAndTheSameDataGivesTheSameBytes() throws {
        let members = [Self.member("<script>alert('x')</script> & Co", "dichtbij"), Self.member("Bo", "verder")]
        let html = try Self.svg(NetworkPicture(members: members, kinds: Self.kinds))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("role=\"img\" aria-labelledby=\"netwerk-title netwerk-desc\""))
        #expect(html.contains("<title id=\"netwerk-title\">"))
        #expect(try Self.svg(NetworkPicture(members: members, kinds: Self.kinds)) == html)
    }

    @Test func anEmptyNetworkDrawsOnlyTheInwonerAndTheRings() throws {
        let picture = NetworkPicture(members: [], kinds: Self.kinds)
        #expect(picture.values["hasMembers"] as? Bool == false)
        #expect(Self.dots(picture.values).isEmpty)
        #expect((picture.values["rows"] as? [[String: Any]])?.isEmpty == true)
        let html = try Self.svg(picture)
        #expect(html.contains("class=\"self\""))
        #expect(!html.contains("class=\"member"))
        #expect(!html.contains("<th scope=\"row\">"))
    }
}
