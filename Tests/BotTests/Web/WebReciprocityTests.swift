import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// What the inwoner does for others (the full intake's "boodschappen voor de buurvrouw") shows
/// with the other strengths on the inwoner's page, and on the printed plan in the inwoner's words.
struct WebReciprocityTests {
    @Test func whatTheInwonerDoesForOthersShowsOnThePageAndThePrintedPlan() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/inwoners/\(fixture.annaInwoner)").body)
            #expect(page.contains("<dt>Ik doe voor anderen</dt><dd>boodschappen voor de buurvrouw</dd>"))
            #expect(page.contains("<dt>Ik wil voor anderen doen</dt><dd class=\"muted\">niets ingevuld</dd>"))
            let plan = String(buffer: try await anna.get("/inwoners/\(fixture.annaInwoner)/plan").body)
            #expect(plan.contains("<strong>Ik doe voor anderen:</strong> boodschappen voor de buurvrouw"))
            #expect(!plan.contains("Ik wil voor anderen doen"))
        }
    }
}
