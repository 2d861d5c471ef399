/// Keys the engine itself uses; `flows check` demands them.
public enum SystemText {
    public static let keys: [String] =
        [
            "system.progress", "system.optout", "system.optin", "system.paused", "system.resume", "system.welcome_back",
            "system.cannot_skip", "system.no_previous", "system.language", "system.ended",
            "system.stuck", "system.contact", "system.too_long", "system.ambiguous",
            "system.past_date", "system.not_mobile", "system.flow_error", "system.private_only",
            "value.yes", "value.no", "value.none", "value.and",
            "system.progress_part", "system.confirm_no", "system.resume_after_crisis",
            "confirm.score", "confirm.date", "confirm.amount", "confirm.choice",
            "signaal.verteld", "signaal.klacht", "signaal.vraag.how_long_open"
        ] + AnswerType.allCases.flatMap { ["reprompt.\($0.rawValue)", "howto.\($0.rawValue)"] }
        + Signals.Crisis.allCases.map { "signaal.crisis.\($0.rawValue)" }
        + Signals.Question.allCases.filter { $0 != .meaning }.map { "signaal.vraag.\($0.rawValue)" }
        + ["plan.geen_stap", "plan.al_klaar", "plan.stap_klaar", "plan.hint"]
        + ["reprompt.choice_multiple", "howto.choice_multiple"]
        + (1...12).map { "date.month.\($0)" } + (1...7).flatMap { ["date.weekday.\($0)", "date.day.\($0)"] }
        // Used by `wegwijzer plan`.
        + ["plan.overzicht", "eigenaar.inwoner", "eigenaar.professional", "eigenaar.netwerk"]
        + ["gepland", "bezig", "gedaan", "niet_gelukt", "uitgesteld", "vervallen"].map { "status.\($0)" }
        + ["open", "actief", "bereikt", "gestopt"].map { "doelstatus.\($0)" }
}
