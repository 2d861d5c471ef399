import Foundation
import Hummingbird
import Mustache

/// The HTML templates (`Web/Templates/*.mustache`), rendered into responses with safe headers.
struct Pages: Sendable {
    let templates: MustacheLibrary

    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    static var bundledDirectory: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("Templates")
    }

    static func load(directory: URL? = bundledDirectory) throws -> Pages {
        guard let directory else { throw LoadError(description: "the web templates are missing next to the program") }
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else {
                throw LoadError(description: "\(name): cannot read the template as UTF-8 text")
            }
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw LoadError(description: "\(name): \(error)")
            }
        }
        guard library.getTemplate(named: "layout") != nil else {
            throw LoadError(description: "layout.mustache is missing in \(directory.path)")
        }
        return Pages(templates: library)
    }

    /// Every page: no caching (it holds personal data), no framing, no scripts, no inline styles.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .xContentTypeOptions: "nosniff",
        .init("X-Frame-Options")!: "DENY",
        .init("Referrer-Policy")!: "no-referrer",
        .cacheControl: "no-store"
    ]

    /// The template `name` filled with `object` (every text escaped); nil when there is no such template.
    func html(_ name: String, _ object: [String: Any]) -> String? {
        templates.render(object, withTemplate: name)
    }

    func render(_ name: String, _ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = html(name, object) ?? "<!doctype html><title>Fout</title><p>Pagina ontbreekt: \(name)</p>"
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A JSON document the browser saves as `filename` (an AVG export).
    static func download(json document: Data, filename: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }

    static func redirect(_ location: String) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }
}
