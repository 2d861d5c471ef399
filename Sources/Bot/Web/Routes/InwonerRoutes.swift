import Dialog
import Foundation
import GRDB
import Hummingbird

/// One inwoner: the page, the plan for the fridge, sending the plan, notes, and actions.
struct InwonerRoutes {
    let web: WebContext

    func register(on pages: WebRouter) {
        pages.get("inwoners/:id") { page in
            let id = try await web.database.write { db in try web.inwoner(page, event: "bekeken", in: db) }
            let notice = page.request.uri.queryParameters.get("melding").flatMap { Self.notices[String($0)] }
            return try await web.database.read { db in
                var values = try InwonerPage(web: web, personID: id, now: page.now, db: db).values()
                if let notice { values["notice"] = notice }
                // The chart's words are shared with the inwoner's own page (Web/Texts/radar.yaml).
                values["t"] = web.texts.all(.nl)
                return web.pages.render(
                    "inwoner", Chrome.page(session: page.session, title: values["name"] as? String ?? "Inwoner", values))
            }
        }
        pages.get("inwoners/:id/plan") { page in
            let id = try await web.database.write { db in try web.inwoner(page, event: "plan bekeken", in: db) }
            return try await web.database.read { db in
                var values = try FridgePlan(web: web, personID: id, now: page.now, db: db).values()
                values["back"] = "/inwoners/\(id)"
                return web.pages.render("fridge", Chrome.page(session: page.session, title: values["title"] as? String ?? "Plan", values))
            }
        }
        pages.post("inwoners/:id/plan/versturen") { page in
            let sent = try await web.database.write { db in
                let id = try web.inwoner(page, event: "plan verstuurd", in: db)
                return try !SupportPlan.send(personID: id, library: web.library, at: page.now, in: db).isEmpty
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=\(sent ? "plan" : "onbereikbaar")")
        }
        pages.post("inwoners/:id/inloglink") { page in
            let sent = try await web.database.write { db in
                let id = try web.inwoner(page, event: "inloglink verstuurd", in: db)
                guard try !PersonStore.optedOut(personID: id, in: db) else { return false }
                let token = try LoginLinkStore.create(personID: id, professionalID: page.professionalID, at: page.now, in: db)
                return try Notice.queue(
                    "mijn.link", vars: ["link": .text(web.link("/mijn/link/" + token))], to: id, library: web.library, at: page.now, in: db)
                    != nil
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=\(sent ? "inloglink" : "onbereikbaar")")
        }
        pages.post("inwoners/:id/omgeving/:view/link") { page in
            let viewID = try page.parameter("view")
            let sent = try await web.database.write { db in
                let id = try web.inwoner(page, event: "omgevingslink verstuurd", in: db)
                guard let open = try OmgevingStore.open(viewID: viewID, in: db), open.invitation.inwonerID == id else {
                    throw WebError.notFound
                }
                guard try !PersonStore.optedOut(personID: open.memberPersonID, in: db) else { return false }
                let token = try OmgevingLinkStore.create(viewID: viewID, professionalID: page.professionalID, at: page.now, in: db)
                let vars: [String: Value] = [
                    "lid": .text(open.invitation.memberName), "link": .text(web.link("/omgeving/" + token)),
                    "inwoner": .text(open.invitation.inwonerName.isEmpty ? "Iemand die je kent" : open.invitation.inwonerName)
                ]
                return try Notice.queue("omgeving.link", vars: vars, to: open.memberPersonID, library: web.library, at: page.now, in: db)
                    != nil
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=\(sent ? "omgevingslink" : "onbereikbaar")#omgeving")
        }
        pages.post("inwoners/:id/notities") { page in
            guard let text = page.form.text("notitie"), text.count <= 4000 else {
                throw WebError.badRequest("Een notitie mag niet leeg zijn en hoogstens 4000 tekens hebben.")
            }
            try await web.database.write { db in
                let id = try web.inwoner(page, event: "notitie", in: db)
                try NoteStore.add(personID: id, professionalID: page.professionalID, text: text, at: page.now, in: db)
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=notitie#notities")
        }
        pages.post("inwoners/:id/praten") { page in
            guard let leefgebied = page.form.text("leefgebied") else { throw WebError.badRequest("Kies een leefgebied.") }
            try await web.database.write { db in
                let id = try web.inwoner(page, event: "praten besproken", in: db)
                _ = try TalkStore.clear(personID: id, leefgebied: leefgebied, at: page.now, in: db)
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=besproken#scores")
        }
        pages.post("inwoners/:id/acties") { page in
            let change = try ActionEditor.change(from: page.form, requireStatus: false)
            let goalID = page.form.text("doel").flatMap { $0 == "nieuw" ? nil : Int64($0) }
            try await web.database.write { db in
                let id = try web.inwoner(page, event: "actie toegevoegd", in: db)
                _ = try ActionEditor(service: web.service, personID: id, now: page.now, db: db)
                    .add(change, goalID: goalID, newGoal: page.form.text("nieuw_doel"))
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=actie#plan")
        }
        pages.post("inwoners/:id/verwijzingen") { page in
            let form = page.form
            let change = try ActionEditor.change(from: form, requireStatus: false, owner: "professional")
            let specialist = try ActionEditor.specialist(from: form)
            let goalID = form.text("doel").flatMap { $0 == "nieuw" ? nil : Int64($0) }
            try await web.database.write { db in
                let id = try web.inwoner(page, event: "verwijzing toegevoegd", in: db)
                _ = try ActionEditor(service: web.service, personID: id, now: page.now, db: db)
                    .add(change, goalID: goalID, newGoal: form.text("nieuw_doel"), specialist: specialist)
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=verwijzing#plan")
        }
        pages.post("inwoners/:id/acties/:action/aannemen") { page in
            let actionID = try page.parameter("action")
            try await web.database.write { db in
                let id = try web.inwoner(page, event: "voorstel aangenomen", in: db)
                try ActionEditor(service: web.service, personID: id, now: page.now, db: db).accept(actionID: actionID)
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=aangenomen#plan")
        }
        pages.post("inwoners/:id/acties/:action") { page in
            let change = try ActionEditor.change(from: page.form, requireStatus: true)
            let actionID = try page.parameter("action")
            try await web.database.write { db in
                let id = try web.inwoner(page, event: "actie gewijzigd", in: db)
                try ActionEditor(service: web.service, personID: id, now: page.now, db: db).update(actionID: actionID, change)
            }
            return Pages.redirect("/inwoners/\(try page.parameter("id"))?melding=actie#plan")
        }
    }

    static let notices = [
        "verwijzing": "De verwijzing staat in het plan.",
        "plan": "Het plan is als bericht naar de inwoner gestuurd.",
        "onbereikbaar": "Deze inwoner is niet bereikbaar (geen kanaal, of STOP gestuurd): er is niets verstuurd.",
        "omgevingslink": "De link is als bericht verstuurd. Hij werkt 1 keer, 14 dagen lang.",
        "inloglink": "De inwoner krijgt een bericht met een link naar Mijn Wegwijzer. De link werkt 1 keer, 24 uur lang.",
        "notitie": "De notitie is opgeslagen.",
        "actie": "De actie is opgeslagen. Wie de actie doet, krijgt een bericht.",
        "aangenomen": "Je doet deze actie. De inwoner krijgt een bericht.",
        "besproken": "Gemarkeerd als besproken."
    ]
}
