import Foundation
import Synchronization

@testable import Bot

/// A provider behind `HTTPTransport`: records every request and answers as a script says.
final class FakeProvider: Sendable {
    enum Behaviour: Sendable { case ok, serverError, timeout, status(Int, String) }

    private let state = Mutex<(requests: [OutboundRequest], behaviour: Behaviour, counter: Int)>(([], .ok, 0))

    var requests: [OutboundRequest] { state.withLock { $0.requests } }

    func behave(_ behaviour: Behaviour) { state.withLock { $0.behaviour = behaviour } }

    var transport: HTTPTransport {
        HTTPTransport { [self] request in
            let (behaviour, n) = state.withLock { s -> (Behaviour, Int) in
                s.requests.append(request)
                s.counter += 1
                return (s.behaviour, s.counter)
            }
            switch behaviour {
            case .ok:
                return .init(
                    status: 201,
                    body: Data(
                        #"{"sid":"SM\#(n)","status":"queued","ok":true,"result":{"message_id":\#(n)},"messages":[{"id":"wamid.\#(n)"}]}"#
                            .utf8))
            case .serverError: return .init(status: 500, body: Data("{}".utf8))
            case .timeout: throw URLError(.timedOut)
            case .status(let code, let body): return .init(status: code, body: Data(body.utf8))
            }
        }
    }
}
