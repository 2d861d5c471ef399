import Hummingbird

/// Every response under `/webhooks/`, errors included, says `X-Content-Type-Options: nosniff`: a
/// webhook answers with text or JSON that no browser should take for HTML.
struct WebhookHeaders: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/webhooks/") else { return try await next(request, context) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
