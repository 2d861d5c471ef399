import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct TwilioSignatureTests {
        @Test(arguments: ["twilio-sig-docs-classic", "twilio-sig-sdk-unittest"])
        func publishedVectorsReproduce(id: String) throws {
            let vector = try ChannelVectors.vector(id)
            let url = try ChannelVectors.string(vector, "url")
            let params = try ChannelVectors.pairs(vector, "params")
            let token = try ChannelVectors.string(vector, "auth_token")
            let expected = try ChannelVectors.string(vector, "expected_signature")

            #expect(TwilioSignature.stringToSign(url: url, params: params) == (try ChannelVectors.string(vector, "string_to_sign")))
            #expect(TwilioSignature.expected(url: url, params: params, authToken: token, algorithm: .sha1) == expected)
            #expect(TwilioSignature.isValid(signature: expected, url: url, params: params, secret: token, algorithm: .sha1))
        }

        @Test func docsClassicMatchesThePublishedValue() throws {
            let vector = try ChannelVectors.vector("twilio-sig-docs-classic")
            #expect(try ChannelVectors.string(vector, "published_signature") == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
            let computed = TwilioSignature.expected(
                url: try ChannelVectors.string(vector, "url"), params: try ChannelVectors.pairs(vector, "params"),
                authToken: "12345", algorithm: .sha1)
            #expect(computed == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        }

        @Test func oneChangedByteInAParamValueIsInvalid() throws {
            let vector = try ChannelVectors.vector("twilio-sig-docs-classic")
            let url = try ChannelVectors.string(vector, "url")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            let forged = try ChannelVectors.pairs(vector, "params").map { $0.0 == "Digits" ? ($0.0, "1235") : $0 }
            #expect(!TwilioSignature.isValid(signature: expected, url: url, params: forged, secret: "12345", algorithm: .sha1))
        }

        @Test func aChangedParamNameOrAnExtraParamIsInvalid() throws {
            let vector = try ChannelVectors.vector("twilio-sig-docs-classic")
            let url = try ChannelVectors.string(vector, "url")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            let params = try ChannelVectors.pairs(vector, "params")
            let renamed = params.map { $0.0 == "Caller" ? ("caller", $0.1) : $0 }
            #expect(!TwilioSignature.isValid(signature: expected, url: url, params: renamed, secret: "12345", algorithm: .sha1))
            #expect(
                !TwilioSignature.isValid(signature: expected, url: url, params: params + [("Body", "")], secret: "12345", algorithm: .sha1))
        }

        @Test func oneChangedByteInTheURLIsInvalid() throws {
            let vector = try ChannelVectors.vector("twilio-sig-docs-classic")
            let params = try ChannelVectors.pairs(vector, "params")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            let forged = "https://mycompany.com/myapp.php?foo=1&bar=3"
            #expect(!TwilioSignature.isValid(signature: expected, url: forged, params: params, secret: "12345", algorithm: .sha1))
            #expect(
                !TwilioSignature.isValid(
                    signature: expected, url: "http://mycompany.com/myapp.php?foo=1&bar=2", params: params, secret: "12345",
                    algorithm: .sha1))
        }

        @Test func wrongSecretMissingSignatureAndEmptySecretAreInvalid() throws {
            let vector = try ChannelVectors.vector("twilio-sig-docs-classic")
            let url = try ChannelVectors.string(vector, "url")
            let params = try ChannelVectors.pairs(vector, "params")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            #expect(!TwilioSignature.isValid(signature: expected, url: url, params: params, secret: "12346", algorithm: .sha1))
            #expect(!TwilioSignature.isValid(signature: nil, url: url, params: params, secret: "12345", algorithm: .sha1))
            #expect(!TwilioSignature.isValid(signature: "", url: url, params: params, secret: "12345", algorithm: .sha1))
            #expect(!TwilioSignature.isValid(signature: expected, url: url, params: params, secret: "", algorithm: .sha1))
        }

        @Test func theSignatureIsComparedExactly() throws {
            let vector = try ChannelVectors.vector("twilio-sig-docs-classic")
            let url = try ChannelVectors.string(vector, "url")
            let params = try ChannelVectors.pairs(vector, "params")
            for forged in ["0/KCTR6DLpKmkAf8muzZqo1nDgQ", "0/KCTR6DLpKmkAf8muzZqo1nDgQ= ", "1/KCTR6DLpKmkAf8muzZqo1nDgQ="] {
                #expect(!TwilioSignature.isValid(signature: forged, url: url, params: params, secret: "12345", algorithm: .sha1))
            }
        }

        @Test func explicitDefaultPortIsAcceptedBothWays() throws {
            let vector = try ChannelVectors.vector("twilio-sig-sdk-unittest")
            let url = try ChannelVectors.string(vector, "url")
            let params = try ChannelVectors.pairs(vector, "params")
            let plain = try ChannelVectors.string(vector, "expected_signature")
            let withPort = try ChannelVectors.string(vector, "also_valid_with_port_443_signature")
            let urlWithPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2"

            #expect(TwilioSignature.expected(url: urlWithPort, params: params, authToken: "12345", algorithm: .sha1) == withPort)
            #expect(TwilioSignature.isValid(signature: withPort, url: url, params: params, secret: "12345", algorithm: .sha1))
            #expect(TwilioSignature.isValid(signature: plain, url: urlWithPort, params: params, secret: "12345", algorithm: .sha1))
            #expect(!TwilioSignature.isValid(signature: withPort, url: url, params: params, secret: "54321", algorithm: .sha1))
        }

        @Test func portVariantsOnlyTouchTheDefaultPort() {
            #expect(TwilioURL.portVariants(of: "https://a.nl/x?y=1") == ["https://a.nl/x?y=1", "https://a.nl:443/x?y=1"])
            #expect(TwilioURL.portVariants(of: "https://a.nl:443/x") == ["https://a.nl:443/x", "https://a.nl/x"])
            #expect(TwilioURL.portVariants(of: "http://a.nl") == ["http://a.nl", "http://a.nl:80"])
            #expect(TwilioURL.portVariants(of: "http://a.nl:80?q=1") == ["http://a.nl:80?q=1", "http://a.nl?q=1"])
            #expect(TwilioURL.portVariants(of: "https://a.nl:8443/x") == ["https://a.nl:8443/x"])
            #expect(TwilioURL.portVariants(of: "https://u:p@[::1]/x") == ["https://u:p@[::1]/x", "https://u:p@[::1]:443/x"])
            #expect(TwilioURL.portVariants(of: "not a url") == ["not a url"])
        }

        @Test func statusCallbackVectorFromItsRawBody() throws {
            let vector = try ChannelVectors.vector("twilio-sig-status-callback")
            let url = try ChannelVectors.string(vector, "url")
            let token = try ChannelVectors.string(vector, "auth_token")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            let raw = Data(try ChannelVectors.string(vector, "raw_body").utf8)
            let inbound = try TwilioInbound.parse(formBody: raw).get()

            #expect(TwilioSignature.stringToSign(url: url, params: inbound.params) == (try ChannelVectors.string(vector, "string_to_sign")))
            #expect(TwilioSignature.expected(url: url, params: inbound.params, authToken: token, algorithm: .sha1) == expected)
            #expect(TwilioSignature.isValid(signature: expected, url: url, params: inbound.params, secret: token, algorithm: .sha1))
        }

        @Test func statusCallbackWithAnotherQueryOrBodyIsInvalid() throws {
            let vector = try ChannelVectors.vector("twilio-sig-status-callback")
            let url = try ChannelVectors.string(vector, "url")
            let token = try ChannelVectors.string(vector, "auth_token")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            let raw = try ChannelVectors.string(vector, "raw_body")
            let params = try TwilioInbound.parse(formBody: Data(raw.utf8)).get().params
            #expect(
                !TwilioSignature.isValid(
                    signature: expected, url: url.replacingOccurrences(of: "=42", with: "=43"), params: params, secret: token,
                    algorithm: .sha1))
            let forgedBody = raw.replacingOccurrences(of: "MessageStatus=delivered", with: "MessageStatus=delivereD")
            let forged = try TwilioInbound.parse(formBody: Data(forgedBody.utf8)).get().params
            #expect(!TwilioSignature.isValid(signature: expected, url: url, params: forged, secret: token, algorithm: .sha1))
            // Query parameters are in the URL, never appended again.
            #expect(
                !TwilioSignature.isValid(
                    signature: expected, url: url, params: params + [("reminder", "42")], secret: token, algorithm: .sha1))
        }

        @Test func jsonBodyVariant() throws {
            let vector = try ChannelVectors.vector("twilio-sig-json-bodysha256")
            let url = try ChannelVectors.string(vector, "url")
            let body = Data(try ChannelVectors.string(vector, "raw_body").utf8)
            let expected = try ChannelVectors.string(vector, "expected_signature")

            #expect(TwilioURL.bodySHA256(in: url) == (try ChannelVectors.string(vector, "expected_body_sha256_hex")))
            #expect(TwilioSignature.expected(url: url, params: [], authToken: "12345", algorithm: .sha1) == expected)
            #expect(TwilioSignature.isValidJSON(signature: expected, url: url, rawBody: body, secret: "12345", algorithm: .sha1))
        }

        @Test func jsonBodyVariantRejectsForgeries() throws {
            let vector = try ChannelVectors.vector("twilio-sig-json-bodysha256")
            let url = try ChannelVectors.string(vector, "url")
            let raw = try ChannelVectors.string(vector, "raw_body")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            let changedBody = Data(raw.replacingOccurrences(of: "true", with: "trud").utf8)
            #expect(!TwilioSignature.isValidJSON(signature: expected, url: url, rawBody: changedBody, secret: "12345", algorithm: .sha1))
            #expect(!TwilioSignature.isValidJSON(signature: expected, url: url, rawBody: Data(raw.utf8), secret: "12344", algorithm: .sha1))
            #expect(!TwilioSignature.isValidJSON(signature: nil, url: url, rawBody: Data(raw.utf8), secret: "12345", algorithm: .sha1))
            let withoutHash = "https://mycompany.com/myapp.php?foo=1&bar=2"
            let signedWithoutHash = TwilioSignature.expected(url: withoutHash, params: [], authToken: "12345", algorithm: .sha1)
            #expect(
                !TwilioSignature.isValidJSON(
                    signature: signedWithoutHash, url: withoutHash, rawBody: Data(raw.utf8), secret: "12345", algorithm: .sha1))
        }

        @Test func sharedKeyVectorUsesSHA256() throws {
            let vector = try ChannelVectors.vector("twilio-sig-sharedkey-hmac-sha256")
            let url = try ChannelVectors.string(vector, "url")
            let params = try ChannelVectors.pairs(vector, "params")
            let secret = try ChannelVectors.string(vector, "secret")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            let algorithm = TwilioSignature.algorithm(settingsHeader: try ChannelVectors.string(vector, "signature_settings_header"))

            #expect(algorithm == .sha256)
            #expect(TwilioSignature.expected(url: url, params: params, authToken: secret, algorithm: algorithm) == expected)
            #expect(TwilioSignature.isValid(signature: expected, url: url, params: params, secret: secret, algorithm: algorithm))
        }

        @Test func sharedKeySignatureFailsUnderTheWrongAlgorithmOrAChangedBody() throws {
            let vector = try ChannelVectors.vector("twilio-sig-sharedkey-hmac-sha256")
            let url = try ChannelVectors.string(vector, "url")
            let params = try ChannelVectors.pairs(vector, "params")
            let secret = try ChannelVectors.string(vector, "secret")
            let expected = try ChannelVectors.string(vector, "expected_signature")
            #expect(!TwilioSignature.isValid(signature: expected, url: url, params: params, secret: secret, algorithm: .sha1))
            let forged = params.map { $0.0 == "Body" ? ($0.0, $0.1.replacingOccurrences(of: "€", with: "E")) : $0 }
            #expect(!TwilioSignature.isValid(signature: expected, url: url, params: forged, secret: secret, algorithm: .sha256))
        }

        @Test func algorithmFromTheSettingsHeader() {
            #expect(TwilioSignature.algorithm(settingsHeader: nil) == .sha1)
            #expect(TwilioSignature.algorithm(settingsHeader: "") == .sha1)
            #expect(TwilioSignature.algorithm(settingsHeader: "key=abc,algorithm=HMAC_SHA1") == .sha1)
            #expect(TwilioSignature.algorithm(settingsHeader: "key=abc, algorithm=HMAC_SHA256") == .sha256)
            #expect(TwilioSignature.algorithm(settingsHeader: "algorithm=HMAC_SHA256,key=x") == .sha256)
            #expect(TwilioSignature.algorithm(settingsHeader: "key=algorithm=HMAC_SHA256") == .sha1)
        }

        @Test func paramsSortInByteOrderAndRepeatedValuesSort() {
            let params = [("b", "1"), ("ToCity", "x"), ("B", "2"), ("To", "y"), ("a", "2"), ("a", "1"), ("Ä", "3")]
            #expect(TwilioSignature.stringToSign(url: "u", params: params) == "uB2ToyToCityxa1a2b1Ä3")
        }
    }
}
