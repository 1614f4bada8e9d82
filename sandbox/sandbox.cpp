// The sandbox's request pipeline for /v1: authentication, the request log, faults and
// idempotency. The resources themselves are in api.cpp, the test helpers in helpers.cpp.

#include "sandbox.h"

#include "clock.h"
#include "formcodec.h"
#include "json.h"
#include "logging.h"
#include "secrets.h"
#include "webhooks.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace remise::sandbox {

namespace {

// What a `malformed` fault answers: a 200 whose body is not JSON.
const QByteArray malformedAnswer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   "Content-Length: 17\r\nConnection: close\r\n\r\n"
                                   "<html>oops</html>";

// The key from "Bearer sk_…" or HTTP Basic with the key as user name.
QString apiKeyOf(const http::Request &request)
{
    const QByteArray header = request.header("Authorization").trimmed();
    if (header.startsWith("Bearer "))
        return QString::fromLatin1(header.mid(7).trimmed());
    if (header.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        return QString::fromLatin1(colon < 0 ? decoded : decoded.left(colon));
    }
    return {};
}

// Stripe's 401s: no key, a key that is not a test secret key, or one too short to be real.
std::optional<ApiError> authenticationError(const http::Request &request)
{
    const QString key = apiKeyOf(request);
    const auto unauthorized = [](const QString &message, const QString &code = {}) {
        return ApiError{401, u"invalid_request_error"_s, code, message, {}};
    };
    if (key.isEmpty())
        return unauthorized(
            u"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."_s);
    const QString shown = redactSecrets(key);
    if (key.startsWith(u"sk_live_"_s) || key.startsWith(u"rk_live_"_s))
        return unauthorized(
            u"Invalid API Key provided: %1. The sandbox is test mode only: use a test key (sk_test_… or rk_test_…), never a live one."_s
                .arg(shown),
            u"api_key_invalid"_s);
    if (key.startsWith(u"pk_"_s))
        return unauthorized(
            u"Invalid API Key provided: %1. Publishable keys cannot call this API: use a secret test key (sk_test_… or rk_test_…)."_s
                .arg(shown),
            u"api_key_invalid"_s);
    // Key bodies are alphanumeric, as Stripe's (and as redactSecrets expects).
    static const QRegularExpression wellFormed(u"^(sk|rk)_test_[A-Za-z0-9]+$"_s);
    if (!wellFormed.match(key).hasMatch())
        return unauthorized(
            u"Invalid API Key provided. The sandbox accepts test keys of the form sk_test_… or rk_test_… (letters and digits after the prefix)."_s,
            u"api_key_invalid"_s);
    return std::nullopt;
}

// The Authorization header for the request log: the scheme and the key, masked; never the
// key in full, not even base64-encoded.
QString redactedAuthorization(const http::Request &request)
{
    const QByteArray header = request.header("Authorization").trimmed();
    if (header.isEmpty())
        return {};
    const QString key = apiKeyOf(request);
    const QString scheme = QString::fromLatin1(header.left(header.indexOf(' ')));
    if (key.isEmpty())
        return scheme + u" (no key)"_s;
    const QString masked = redactSecrets(key);
    return scheme + u' ' + (masked == key ? u"(not a test key)"_s : masked);
}

} // namespace

Sandbox::Sandbox(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_webhooks(new Webhooks(clock, this))
{
    routeStorefront(); // first: its routes take precedence over the /_sandbox/* helpers
    const auto api = [this](const http::Request &r, std::shared_ptr<http::Responder> responder) {
        handleApi(r, std::move(responder));
    };
    for (const QByteArray method : {"GET", "POST", "DELETE"}) {
        m_server.route(method, u"/v1/*"_s, api);
        m_server.route(method, u"/_sandbox/*"_s,
                       [this](const http::Request &r, std::shared_ptr<http::Responder> responder) {
                           handleHelper(r, std::move(responder));
                       });
    }
    // Stripe answers other methods under /v1 as unknown URLs, with the usual headers.
    m_server.setMethodNotAllowed([this, api](const http::Request &r,
                                             std::shared_ptr<http::Responder> responder) {
        if (r.path.startsWith(u"/v1/"_s))
            return api(r, std::move(responder));
        responder->send(http::Response::json(
            405, ApiError::invalid(
                     u"%1 is not allowed on %2."_s.arg(QString::fromLatin1(r.methodName), r.path))
                     .toJson()));
    });
    m_server.setFallback([this](const http::Request &r,
                                std::shared_ptr<http::Responder> responder) {
        const QString requestId = m_state.newId(u"req"_s, 14);
        const ApiError error{
            404,
            u"invalid_request_error"_s,
            {},
            u"Unrecognized request URL (%1: %2). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."_s
                .arg(QString::fromLatin1(r.methodName), r.path),
            {}};
        http::Response response;
        response.status = error.status;
        response.body = errorBody(error, requestId);
        responder->send(response.withHeader("Request-Id", requestId.toLatin1()));
    });
}

Sandbox::~Sandbox() = default;

quint16 Sandbox::listen(const QHostAddress &address, quint16 port)
{
    if (!address.isLoopback()) {
        qCCritical(lcSandbox) << "refusing to listen on" << address.toString() << "- loopback only";
        return 0;
    }
    return m_server.listenOn(address, port);
}

void Sandbox::configureWebhooks(const QUrl &url, const QByteArray &secret)
{
    m_webhooks->configure(url, secret);
}

qint64 Sandbox::nowSeconds() const
{
    return m_clock.nowMs() / 1000;
}

QString Sandbox::newEventId()
{
    return m_state.newId(u"evt_test"_s, 24);
}

QByteArray Sandbox::errorBody(const ApiError &error, const QString &requestId) const
{
    return json::write(ApiError::withRequestLog(error.toJson(), requestId, nowSeconds()));
}

void Sandbox::logStatus(qint64 seq, int status, const QString &fault, bool replayed)
{
    for (qsizetype i = m_log.size() - 1; i >= 0; --i) {
        QJsonObject entry = m_log.at(i).toObject();
        if (entry.value(u"seq").toInteger() != seq)
            continue;
        entry.insert(u"status"_s, status);
        if (!fault.isEmpty())
            entry.insert(u"fault"_s, fault);
        entry.insert(u"replayed"_s, replayed);
        m_log[i] = entry;
        return;
    }
}

void Sandbox::respond(const std::shared_ptr<http::Responder> &responder, qint64 logSeq,
                      const QString &requestId, int status, const QByteArray &body,
                      const QString &idempotencyKey, bool replayed, const QString &fault)
{
    logStatus(logSeq, status, fault, replayed);
    http::Response response;
    response.status = status;
    response.body = body;
    response.withHeader("Request-Id", requestId.toLatin1());
    if (!idempotencyKey.isEmpty())
        response.withHeader("Idempotency-Key", idempotencyKey.toUtf8());
    if (replayed)
        response.withHeader("Idempotent-Replayed", "true");
    responder->send(response);
}

void Sandbox::handleApi(const http::Request &request, std::shared_ptr<http::Responder> responder)
{
    const qint64 seq = ++m_logSeq;
    const bool post = request.method == QHttpServerRequest::Method::Post;
    const QString requestId = m_state.newId(u"req"_s, 14);
    const QString idempotencyKey = QString::fromUtf8(request.header("Idempotency-Key"));
    const QByteArray rawParams =
        post ? request.body : request.query.toString(QUrl::FullyEncoded).toUtf8();
    const auto decoded = form::decode(rawParams);
    m_log.append(
        QJsonObject{{u"seq"_s, seq},
                    {u"time_ms"_s, m_clock.nowMs()},
                    {u"method"_s, QString::fromLatin1(request.methodName)},
                    {u"path"_s, request.path},
                    {u"query"_s, request.query.toString(QUrl::FullyDecoded)},
                    {u"stripe_version"_s, QString::fromUtf8(request.header("Stripe-Version"))},
                    {u"idempotency_key"_s,
                     idempotencyKey.isEmpty() ? QJsonValue() : QJsonValue(idempotencyKey)},
                    {u"authorization"_s, redactedAuthorization(request)},
                    {u"body"_s, redactSecrets(QString::fromUtf8(request.body))},
                    {u"params"_s, decoded ? QJsonValue(*decoded) : QJsonValue()},
                    {u"status"_s, QJsonValue()},
                    {u"request_id"_s, requestId},
                    {u"fault"_s, QJsonValue()},
                    {u"replayed"_s, false}});
    qCDebug(lcSandbox).noquote() << request.methodName << request.path << requestId;

    const auto fail = [&](const ApiError &error) {
        respond(responder, seq, requestId, error.status, errorBody(error, requestId), {}, false,
                {});
    };
    if (const auto unauthorized = authenticationError(request))
        return fail(*unauthorized);
    if (!decoded)
        return fail(ApiError::invalid(decoded.error().message, decoded.error().path));
    if (post && idempotencyKey.size() > 255)
        return fail(ApiError::invalid(
            u"Invalid Idempotency-Key: keys are at most 255 characters long (%1 given)."_s.arg(
                idempotencyKey.size()),
            {}, u"idempotency_key_invalid"_s));

    Call call{request.methodName,
              request.path,
              request.path.split(u'/', Qt::SkipEmptyParts).mid(1),
              *decoded,
              request.header("Stripe-Version"),
              requestId,
              post ? idempotencyKey : QString()};

    const std::optional<Fault> fault =
        m_faults.take(QString::fromLatin1(request.methodName), request.path);
    if (fault && injectBefore(*fault, call, responder, seq))
        return;

    // Idempotency: replay, refuse a different request under the same key, or one in flight.
    if (!call.idempotencyKey.isEmpty()) {
        // Parameters, not bytes: the same request encoded another way is the same request.
        const QByteArray fingerprint =
            QCryptographicHash::hash(QByteArray(request.methodName + ' ' + request.path.toUtf8() +
                                                '\n' + json::write(*decoded, json::Style::Compact)),
                                     QCryptographicHash::Sha256);
        const auto it = m_idempotency.constFind(idempotencyKey);
        if (it != m_idempotency.constEnd()) {
            if (it->fingerprint != fingerprint)
                return fail(ApiError{
                    400,
                    u"idempotency_error"_s,
                    {},
                    u"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '%1' if you meant to execute a different request."_s
                        .arg(idempotencyKey),
                    {}});
            if (it->inFlight)
                return fail(ApiError{
                    409,
                    u"idempotency_error"_s,
                    {},
                    u"There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): %1. Please try again later."_s
                        .arg(idempotencyKey),
                    {}});
            return respond(responder, seq, requestId, it->status, it->body, idempotencyKey, true,
                           fault ? fault->kindName() : QString());
        }
        m_idempotency.insert(idempotencyKey, Idempotent{fingerprint, true, 0, {}});
    }

    if (fault && fault->kind == Fault::Kind::Latency) {
        // The request is carried out at the end of the delay, even if the client has gone by
        // then; its key is in flight meanwhile. A precise timer: a coarse one may fire up to 5 %
        // late, aligned with others, which made the latency depend on when requests arrived.
        QTimer::singleShot(
            std::chrono::milliseconds(fault->latencyMs), Qt::PreciseTimer, this,
            [this, call, responder, seq, fault] { execute(call, responder, seq, fault); });
        return;
    }
    execute(call, responder, seq, fault);
}

bool Sandbox::injectBefore(const Fault &fault, const Call &call,
                           const std::shared_ptr<http::Responder> &responder, qint64 logSeq)
{
    using K = Fault::Kind;
    const auto injected = [&](const ApiError &error) {
        logStatus(logSeq, error.status, fault.kindName(), false);
        http::Response response;
        response.status = error.status;
        response.body = errorBody(error, call.requestId);
        if (fault.shouldRetry)
            response.withHeader("Stripe-Should-Retry", *fault.shouldRetry ? "true" : "false");
        responder->send(response.withHeader("Request-Id", call.requestId.toLatin1()));
        return true;
    };
    switch (fault.kind) {
    case K::Status:
        return injected(ApiError{
            fault.status,
            fault.status >= 500 ? u"api_error"_s : u"invalid_request_error"_s,
            {},
            u"An injected error (HTTP %1) occurred while processing your request. (remise-sandbox fault %2)"_s
                .arg(fault.status)
                .arg(fault.id),
            {}});
    case K::LockTimeout:
        return injected(ApiError{
            429,
            u"invalid_request_error"_s,
            u"lock_timeout"_s,
            u"This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate."_s,
            {}});
    case K::RateLimit:
        return injected(ApiError{
            429,
            u"invalid_request_error"_s,
            u"rate_limit"_s,
            u"Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits."_s,
            {}});
    case K::Drop:
    case K::Malformed:
        if (fault.when == Fault::When::After)
            return false; // processed first, then the answer is lost (execute)
        logStatus(logSeq, fault.kind == K::Drop ? 0 : 200, fault.kindName(), false);
        if (fault.kind == K::Drop)
            responder->drop();
        else
            responder->sendRaw(malformedAnswer);
        return true;
    case K::Latency:
        return false;
    }
    return false;
}

void Sandbox::execute(const Call &call, std::shared_ptr<http::Responder> responder, qint64 logSeq,
                      const std::optional<Fault> &fault)
{
    // A GET's answer is kept until the next change of any object (docs/performance.md): the
    // benchmark's retrieves then cost the sandbox little, so it does not set the pace.
    const bool read = call.method == "GET" &&
                      (!fault || fault->kind == Fault::Kind::Latency); // not drop/malformed
    const QByteArray cacheKey =
        read ? call.path.toUtf8() + '?' + json::write(call.params, json::Style::Compact)
             : QByteArray();
    if (call.method != "GET")
        m_answers.clear();
    else if (const auto hit = m_answers.constFind(cacheKey); hit != m_answers.constEnd())
        return respond(responder, logSeq, call.requestId, 200, *hit, {}, false,
                       fault ? fault->kindName() : QString());
    const Reply reply = dispatch(call);
    const QJsonObject object =
        reply.isError() ? ApiError::withRequestLog(reply.body, call.requestId, nowSeconds())
                        : reply.body;
    // Qt's compact writer: pretty printing with Remise's key order was three quarters of the
    // sandbox's time per answer (docs/performance.md); clients parse JSON, whatever its layout.
    const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (read && reply.status == 200) {
        if (m_answers.size() > 10'000)
            m_answers.clear();
        m_answers.insert(cacheKey, body);
    }
    if (!call.idempotencyKey.isEmpty()) {
        // Stripe keeps the result of a request that ran; a refused one may be sent again.
        if (reply.status < 400 || reply.status >= 500)
            m_idempotency[call.idempotencyKey] = Idempotent{
                m_idempotency.value(call.idempotencyKey).fingerprint, false, reply.status, body};
        else
            m_idempotency.remove(call.idempotencyKey);
    }
    if (fault && fault->when == Fault::When::After &&
        (fault->kind == Fault::Kind::Drop || fault->kind == Fault::Kind::Malformed)) {
        logStatus(logSeq, fault->kind == Fault::Kind::Drop ? 0 : 200, fault->kindName(), false);
        if (fault->kind == Fault::Kind::Drop)
            responder->drop();
        else
            responder->sendRaw(malformedAnswer);
        return;
    }
    respond(responder, logSeq, call.requestId, reply.status, body, call.idempotencyKey, false,
            fault ? fault->kindName() : QString());
}

} // namespace remise::sandbox
