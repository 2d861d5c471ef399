import Dialog
import Foundation
import GRDB
import Hummingbird
import Logging

/// `/omgeving/TOKEN`: someone the inwoner invited gives their view in a browser instead of by chat.
/// No login: the one-time link is the key (14 days). The first question is their own consent; a
/// no is stored and nobody asks again, as in the chat. The words are in the invited person's
/// language; the form carries its own token (`FormToken`).
struct OmgevingLinkRoutes {
    static let form = FormToken(cookie: "ww_omgeving")
    static let maxText = 300

    let web: WebContext

    /// The open invitation a token leads to, with its person's language.
    struct Opened {
        var invitation: OmgevingStore.Invitation
        var memberPersonID: Int64
        var language: Language
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("omgeving/:token") { request, context in
            await page(request, token: context.parameters.get("token") ?? "") { opened in
                form(opened, values: [:], status: .ok)
            }
        }
        router.post("omgeving/:token") { request, context in
            await page(request, token: context.parameters.get("token") ?? "") { opened in
                await answer(request, opened)
            }
        }
    }

    /// Runs `handle` for a live link; a dead one gets a page that says so.
    private func page(_ request: Request, token: String, _ handle: (Opened) async -> Response) async -> Response {
        let now = web.clock.now()
        do {
            let opened = try await web.database.read { db -> Opened? in
                guard let viewID = try OmgevingLinkStore.viewID(token, at: now, in: db),
                    let open = try OmgevingStore.open(viewID: viewID, in: db)
                else { return nil }
                return Opened(
                    invitation: open.invitation, memberPersonID: open.memberPersonID,
                    language: try PersonStore.language(personID: open.memberPersonID, in: db))
            }
            guard let opened else {
                return message("omgeving_link_werkt_niet", language: MijnChrome.language(of: request), status: .notFound)
            }
            return await handle(opened)
        } catch {
            web.logger.error("omgeving link failed", metadata: ["error": "\(error)"])
            return message("fout_druk", language: MijnChrome.language(of: request), status: .serviceUnavailable)
        }
    }

    private func answer(_ request: Request, _ opened: Opened) async -> Response {
        let language = opened.language
        guard let form = try? await WebRouter.form(of: request) else {
            return self.form(opened, values: ["error": "fout_formulier"], status: .badRequest)
        }
        guard Self.form.matches(form, request) else {
            return self.form(opened, values: ["error": "fout_formulier_verlopen"], status: .forbidden)
        }
        guard let choice = form.text("akkoord"), ["ja", "nee"].contains(choice) else {
            return self.form(opened, values: ["error": "omgeving_kies"], status: .badRequest)
        }
        var scores: [String: Int] = [:]
        for key in opened.invitation.leefgebieden {
            guard let text = form.text("cijfer_\(key)") else { continue }
            guard let score = Int(text), (0...10).contains(score) else {
                return self.form(opened, values: ["error": "omgeving_cijfer_fout"], status: .badRequest)
            }
            scores[key] = score
        }
        let strengths = form.text("sterk")
        let offer = form.text("helpen")
        if (strengths?.count ?? 0) > Self.maxText || (offer?.count ?? 0) > Self.maxText {
            return self.form(opened, values: ["error": "omgeving_te_lang"], status: .badRequest)
        }
        let granted = choice == "ja"
        let given = granted ? scores : [:]
        let shown = text("omgeving_link_vraag", opened)
        let now = web.clock.now()
        do {
            let stored = try await web.database.write { db in
                try OmgevingViews(service: web.service, db: db, now: now).answeredInBrowser(
                    viewID: opened.invitation.viewID, memberPersonID: opened.memberPersonID, granted: granted, shown: shown,
                    scores: given, strengths: granted ? strengths : nil, offer: granted ? offer : nil)
            }
            guard stored else { return message("omgeving_link_werkt_niet", language: language, status: .notFound) }
            var response = message(granted ? "omgeving_dank" : "omgeving_afgezegd", language: language, opened: opened, status: .ok)
            response.setCookie(Self.form.cleared(web))
            return response
        } catch {
            web.logger.error("omgeving answer failed", metadata: ["error": "\(error)"])
            return message("fout_druk", language: language, status: .serviceUnavailable)
        }
    }

    private func form(_ opened: Opened, values: [String: Any], status: HTTPResponse.Status) -> Response {
        let language = opened.language
        let (token, cookie) = Self.form.issue(web)
        var values = values
        if let key = values["error"] as? String { values["error"] = web.texts.text(key, language) }
        values["loginToken"] = token
        values["intro"] = text("omgeving_intro", opened)
        values["question"] = text("omgeving_link_vraag", opened)
        values["scoresQuestion"] = text("omgeving_cijfers", opened)
        values["strengthsQuestion"] = text("omgeving_sterk", opened)
        values["leefgebieden"] = opened.invitation.leefgebieden.map { key in
            ["key": key, "label": web.label("leefgebieden", key, language), "scores": (0...10).map { ["value": $0] }] as [String: Any]
        }
        var response = web.pages.render(
            "omgeving-link", chrome(language).page(title: web.texts.text("omgeving_titel", language), values), status: status)
        response.setCookie(cookie)
        return response
    }

    private func message(_ key: String, language: Language, opened: Opened? = nil, status: HTTPResponse.Status) -> Response {
        let words = opened.map { text(key, $0) } ?? web.texts.text(key, language)
        return web.pages.render(
            "omgeving-klaar", chrome(language).page(title: web.texts.text("omgeving_titel", language), ["message": words]), status: status)
    }

    private func chrome(_ language: Language) -> MijnChrome {
        MijnChrome(web: web, language: language, session: nil, guest: true)
    }

    /// A text with the invited person's and the inwoner's names.
    private func text(_ key: String, _ opened: Opened) -> String {
        let inwoner =
            opened.invitation.inwonerName.isEmpty ? web.texts.text("omgeving_iemand", opened.language) : opened.invitation.inwonerName
        return web.texts.text(key, opened.language, ["inwoner": inwoner, "lid": opened.invitation.memberName])
    }
}
