import Hummingbird
import NIOCore

/// The context of every request: Hummingbird's own, and the address of the connection it came on
/// (the client, or a reverse proxy in front: see `ClientAddress`).
struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
