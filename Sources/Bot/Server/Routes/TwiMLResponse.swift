import Dialog
import Foundation
import Hummingbird

enum TwiMLResponse {
    static func make(_ xml: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}
