import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct FormURLEncodedTests {
        private func decode(_ text: String) -> [(String, String)]? {
            FormURLEncoded.decode(Array(text.utf8))
        }

        private func flat(_ pairs: [(String, String)]?) -> [String]? {
            pairs?.map { "\($0.0)=\($0.1)" }
        }

        @Test func plusIsSpaceAndEscapesDecode() {
            #expect(flat(decode("Body=Hoi+daar%21&From=%2B31612345678")) == ["Body=Hoi daar!", "From=+31612345678"])
            #expect(flat(decode("a%2Bb=c%2bd")) == ["a+b=c+d"])
            #expect(flat(decode("Body=%C3%A9%E2%82%AC")) == ["Body=é€"])
            // A request body arrives as Data, possibly a slice that does not start at index 0.
            #expect(flat(FormURLEncoded.decode(Data("x=1&y=a+b%21".utf8))) == ["x=1", "y=a b!"])
            #expect(flat(FormURLEncoded.decode(Data("zzx=%41&y=2".utf8).dropFirst(2))) == ["x=A", "y=2"])
        }

        @Test func orderRepeatsAndEmptyValuesAreKept() {
            #expect(flat(decode("b=2&a=1&b=3&ToState=&Flag")) == ["b=2", "a=1", "b=3", "ToState=", "Flag="])
            #expect(flat(decode("&&a=1&&")) == ["a=1"])
            #expect(flat(decode("")) == [])
            #expect(flat(decode("a=b=c")) == ["a=b=c"])
        }

        @Test(arguments: ["a=%", "a=%4", "a=%G1", "a=%1G", "%zz=1", "a=%%41"])
        func badEscapesAreRejected(body: String) {
            #expect(decode(body) == nil)
        }

        @Test func invalidUTF8IsRejected() {
            #expect(decode("a=%FF") == nil)
            #expect(decode("a=%C3") == nil)
            #expect(decode("a=%ED%A0%80") == nil)  // an encoded UTF-16 surrogate
            #expect(FormURLEncoded.decode([UInt8(ascii: "a"), UInt8(ascii: "="), 0xC0, 0xAF]) == nil)
        }

        @Test func encodingEscapesLikePythonUrlencode() {
            #expect(FormURLEncoded.escape("a b&c=d") == "a+b%26c%3Dd")
            #expect(FormURLEncoded.escape("AZaz09_.-~") == "AZaz09_.-~")
            #expect(FormURLEncoded.escape("https://x.nl/a?b=1") == "https%3A%2F%2Fx.nl%2Fa%3Fb%3D1")
            #expect(FormURLEncoded.escape("é€+*'") == "%C3%A9%E2%82%AC%2B%2A%27")
        }

        @Test func encodeThenDecodeRoundTrips() {
            let pairs = [("To", "+31612345678"), ("Body", "Zo’n 2 uur later & <morgen> 100% 🗑️"), ("Empty", "")]
            let encoded = FormURLEncoded.encode(pairs)
            #expect(!encoded.contains(" "))
            #expect(flat(decode(encoded)) == flat(pairs))
        }
    }
}
