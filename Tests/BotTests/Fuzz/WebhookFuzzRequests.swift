import Foundation
import HTTPTypes

@testable import Bot

/// One generated webhook request and what the fuzz run may expect of it.
struct FuzzRequest {
    enum Kind: String, CaseIterable { case signed, forged, mutated, random }
    var route: String
    var uri: String
    var method: HTTPRequest.Method = .post
    var headers: HTTPFields = [:]
    var body: [UInt8]
    var kind: Kind
    /// A forged request (or a body changed after it was signed over its raw bytes) must be refused with a 4xx.
    var mustReject = false
    /// When answered 2xx, this inbound message must be in the `message` table.
    var stores: StoredID?
}

struct StoredID: Hashable, Sendable {
    let channel: String
    let providerID: String
}

/// Generates requests for every webhook from a seeded generator: signed requests with hostile
/// contents (they reach the engine), forged signatures, bodies mutated after signing, random bytes.
enum WebhookFuzzRequests {
    static func make(_ r: inout SeededRandom) -> FuzzRequest {
        switch r.int(0...9) {
        case 0...2: return twilio(&r)
        case 3...4: return whatsapp(&r)
        case 5: return whatsappVerify(&r)
        case 6...7: return telegram(&r)
        default: return json(&r)
        }
    }

    static func phone(_ r: inout SeededRandom) -> String {
        if r.chance(0.08) { return HostileText.make(&r) }
        return "+316" + String(format: "%08d", r.int(0...99_999_999))
    }

    static func id(_ r: inout SeededRandom, prefix: String) -> String {
        // Some ids repeat on purpose: a redelivery must be answered from the store.
        if r.chance(0.05) { return prefix + String(r.int(0...20)) }
        if r.chance(0.05) { return HostileText.make(&r) }
        return prefix + String(r.next(), radix: 16)
    }

    /// Picks what happens to a correctly built body and its signature header.
    static func finish(
        _ request: inout FuzzRequest, signed: [UInt8], goodSignature: String, header: String,
        _ r: inout SeededRandom
    ) {
        let name = HTTPField.Name(header)!
        switch r.int(0...19) {
        case 0...9:
            request.kind = .signed
            request.body = signed
            request.headers[name] = goodSignature
        case 10...12:
            request.kind = .forged
            request.mustReject = true
            request.stores = nil
            request.body = signed
            let forged = r.pick([
                "", "sha256=", "sha256=00", "0", HostileText.make(&r), String(goodSignature.reversed()),
                String(goodSignature.dropLast()), goodSignature.uppercased() + "=", goodSignature + goodSignature
            ])
            if forged != goodSignature, !r.chance(0.2) { request.headers[name] = forged }
        case 13...16:
            request.kind = .mutated
            request.stores = nil
            request.body = Mutate.bytes(signed, &r)
            request.headers[name] = goodSignature
            // WhatsApp and the JSON gateway sign the raw bytes: any change must be refused.
            request.mustReject = header != "X-Telegram-Bot-Api-Secret-Token" && header != "X-Twilio-Signature" && request.body != signed
        default:
            request.kind = .random
            request.stores = nil
            request.body = r.chance(0.1) ? Array(repeating: UInt8(ascii: "a"), count: r.int(60_000...70_000)) : Mutate.randomBytes(&r)
            if r.chance(0.5) { request.headers[name] = r.chance(0.5) ? goodSignature : HostileText.make(&r) }
        }
        if r.chance(0.05) {
            request.headers[.contentType] = r.pick(["text/plain", "application/json", "", "multipart/form-data; boundary=x"])
        }
        if r.chance(0.05) { request.headers[HTTPField.Name("X-Extra")!] = HostileText.make(&r) }
    }

    // MARK: Twilio

    static func twilio(_ r: inout SeededRandom) -> FuzzRequest {
        let statusCallback = r.chance(0.15)
        let sid = r.chance(0.9) ? "SM" + String(format: "%016llx%016llx", r.next(), r.next()) : HostileText.make(&r)
        var fields: [(String, String)]
        if statusCallback {
            fields = [
                ("MessageSid", sid),
                ("MessageStatus", r.pick(["sent", "delivered", "failed", "undelivered", "read", HostileText.make(&r)])),
                ("AccountSid", "AC00000000000000000000000000000000"), ("ErrorCode", r.chance(0.3) ? "21610" : "")
            ]
        } else {
            fields = TestServer.sms(HostileText.make(&r), sid: sid, from: phone(&r))
        }
        var clean = true
        if r.chance(0.15) {
            fields.append((HostileText.make(&r), HostileText.make(&r)))
            clean = false
        }
        if r.chance(0.05), !fields.isEmpty {
            fields.remove(at: r.int(0...fields.count - 1))
            clean = false
        }
        if r.chance(0.05) {
            fields.append(r.pick(fields))
            clean = false
        }
        let path = statusCallback && r.chance(0.5) ? "/webhooks/twilio/status" : "/webhooks/twilio"
        var (body, signature) = TestServer.twilioForm(fields, path: path)
        var request = FuzzRequest(
            route: "twilio", uri: path, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: [], kind: .signed,
            stores: statusCallback || !clean ? nil : StoredID(channel: "sms", providerID: sid))
        if r.chance(0.1) {
            // The shared-key variant: HMAC-SHA256, announced in a header.
            signature = TwilioSignature.expected(
                url: TestServer.publicURL + path, params: fields, authToken: TestServer.twilioToken,
                algorithm: .sha256)
            request.headers[HTTPField.Name("X-Twilio-Webhooks-Signature-Settings")!] = "key=k,algorithm=HMAC_SHA256"
        } else if r.chance(0.03) {
            request.headers[HTTPField.Name("X-Twilio-Webhooks-Signature-Settings")!] = HostileText.make(&r)
            request.stores = nil
        }
        if r.chance(0.05) {
            // Invalid UTF-8 behind a percent sign: the form decoder must refuse it, not crash.
            body += "&Body=" + HostileText.invalidUTF8(&r).map { String(format: "%%%02X", $0) }.joined()
            request.stores = nil
        }
        finish(&request, signed: Array(body.utf8), goodSignature: signature, header: "X-Twilio-Signature", &r)
        return request
    }

    // MARK: WhatsApp

    static func whatsapp(_ r: inout SeededRandom) -> FuzzRequest {
        let wamid = id(&r, prefix: "wamid.")
        let from = String(phone(&r).drop { $0 == "+" })
        var stores: StoredID? = StoredID(channel: "whatsapp", providerID: wamid)
        var value: [String: Any] = [
            "messaging_product": "whatsapp",
            "metadata": ["display_phone_number": "31970", "phone_number_id": "106540352242922"]
        ]
        switch r.int(0...9) {
        case 0...5:
            value["contacts"] = [["profile": ["name": HostileText.make(&r)], "wa_id": from]]
            value["messages"] = [
                ["from": from, "id": wamid, "timestamp": "1795425300", "type": "text", "text": ["body": HostileText.make(&r)]]
            ]
        case 6:
            let userID = "NL." + String(r.next(), radix: 36)
            value["contacts"] = [["profile": ["name": "x"], "user_id": userID]]
            value["messages"] = [
                [
                    "from_user_id": userID, "id": wamid, "timestamp": "1", "type": r.pick(["image", "audio", "text"]),
                    "text": ["body": HostileText.make(&r)]
                ]
            ]
        case 7:
            value["statuses"] = [
                [
                    "id": wamid, "status": r.pick(["sent", "delivered", "read", "failed", HostileText.make(&r)]),
                    "timestamp": "1", "recipient_id": from
                ]
            ]
            stores = nil
        default:
            // The right shape with the wrong types, or no messages at all.
            let shapes: [Any] = [
                [["from": 316, "id": [1], "type": "text", "text": "hoi"]], "x", NSNull(), [Any](),
                [["id": wamid, "type": "text", "text": ["body": 7]]]
            ]
            value["messages"] = r.pick(shapes)
            stores = nil
        }
        let payload: [String: Any] = [
            "object": "whatsapp_business_account", "entry": [["id": "1", "changes": [["field": "messages", "value": value]]]]
        ]
        var raw = try! JSONSerialization.data(withJSONObject: payload)
        if r.chance(0.05) {
            // Deep nesting, signed: the JSON reader must refuse it without exhausting the stack.
            let depth = r.int(100...5_000)
            raw = Data(String(repeating: "[", count: depth).utf8) + raw + Data(String(repeating: "]", count: depth).utf8)
            stores = nil
        } else if r.chance(0.05) {
            // Invalid UTF-8 inside a string, signed.
            if let at = raw.range(of: Data(#""body":""#.utf8)) {
                raw.insert(contentsOf: HostileText.invalidUTF8(&r), at: at.upperBound)
                stores = nil
            }
        }
        var request = FuzzRequest(
            route: "whatsapp", uri: "/webhooks/whatsapp", headers: [.contentType: "application/json"],
            body: [], kind: .signed, stores: stores)
        finish(
            &request, signed: Array(raw), goodSignature: WhatsAppSignature.sign(rawBody: raw, appSecret: TestServer.appSecret),
            header: "X-Hub-Signature-256", &r)
        return request
    }

    static func whatsappVerify(_ r: inout SeededRandom) -> FuzzRequest {
        let token = r.chance(0.3) ? TestServer.verifyToken : HostileText.make(&r)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func esc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        var query = [
            "hub.mode=" + esc(r.chance(0.8) ? "subscribe" : HostileText.make(&r)),
            "hub.verify_token=" + esc(token), "hub.challenge=" + esc(HostileText.make(&r))
        ]
        if r.chance(0.2) { query.append(HostileText.make(&r).addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }
        if r.chance(0.1) { query.append("%ZZ=%") }
        return FuzzRequest(
            route: "whatsapp-verify", uri: "/webhooks/whatsapp?" + query.shuffled(using: &r).joined(separator: "&"),
            method: .get, body: [], kind: token == TestServer.verifyToken ? .signed : .forged,
            mustReject: token != TestServer.verifyToken)
    }

    // MARK: Telegram

    static func telegram(_ r: inout SeededRandom) -> FuzzRequest {
        let odd: [Any] = [-100123, Int64.max, Int64.min, 1e30, "12", NSNull(), 0]
        let chatID: Any = r.chance(0.85) ? r.int(1...9_999_999_999) as Any : r.pick(odd)
        let messageID = r.int(1...1_000_000)
        let chatType = r.chance(0.85) ? "private" : r.pick(["group", "supergroup", "channel", HostileText.make(&r)])
        var message: [String: Any] = [
            "message_id": messageID, "date": r.int(0...2_000_000_000),
            "chat": ["id": chatID, "type": chatType],
            "from": ["id": r.int(1...9_999_999), "is_bot": false, "first_name": HostileText.make(&r)]
        ]
        if r.chance(0.9) { message["text"] = HostileText.make(&r) }
        if r.chance(0.1) { message["entities"] = [["offset": -5, "length": Int.max, "type": "bold"]] }
        let update: [String: Any] =
            r.chance(0.9)
            ? ["update_id": r.int(0...Int(Int32.max)), r.pick(["message", "message", "message", "edited_message"]): message]
            : ["update_id": "x", "callback_query": ["id": HostileText.make(&r)]]
        let raw = try! JSONSerialization.data(withJSONObject: update)
        var stores: StoredID? = nil
        if chatType == "private", let chat = chatID as? Int, update["message"] != nil, message["text"] != nil {
            stores = StoredID(channel: "telegram", providerID: "\(chat):\(messageID)")
        }
        var request = FuzzRequest(
            route: "telegram", uri: "/webhooks/telegram", headers: [.contentType: "application/json"],
            body: [], kind: .signed, stores: stores)
        finish(&request, signed: Array(raw), goodSignature: TestServer.telegramSecret, header: "X-Telegram-Bot-Api-Secret-Token", &r)
        // The secret token is not a signature over the body: a mutated body with the right token is a signed request.
        if request.kind == .mutated { request.kind = .signed }
        return request
    }

    // MARK: JSON gateway

    static func json(_ r: inout SeededRandom) -> FuzzRequest {
        let gatewayID = id(&r, prefix: "gw-")
        var object: [String: Any] = ["id": gatewayID, "from": phone(&r), "text": HostileText.make(&r)]
        var clean = true
        let wrong: [Any] = [7, NSNull(), [1, 2], ["a": "b"], true]
        if r.chance(0.1) {
            object[r.pick(["id", "from", "text"])] = r.pick(wrong)
            clean = false
        }
        if r.chance(0.05) {
            object.removeValue(forKey: r.pick(["id", "from", "text"]))
            clean = false
        }
        if r.chance(0.1) { object[HostileText.make(&r)] = HostileText.make(&r) }
        var raw = try! JSONSerialization.data(withJSONObject: r.chance(0.03) ? [object] as Any : object as Any)
        if r.chance(0.05) {
            raw = Data(HostileText.invalidUTF8(&r)) + raw
            clean = false
        }
        var request = FuzzRequest(
            route: "json", uri: "/webhooks/json", headers: [.contentType: "application/json"], body: [],
            kind: .signed, stores: clean ? StoredID(channel: "json", providerID: gatewayID) : nil)
        finish(
            &request, signed: Array(raw), goodSignature: GenericSignature.sign(body: raw, secret: TestServer.jsonSecret),
            header: "X-Signature", &r)
        return request
    }
}
