// The sandbox's request pipeline (authentication, faults, idempotency, the request log) and
// its test helpers. The /v1 resources themselves are in api.cpp.

#include "sandbox.h"

#include "clock.h"
#include "formcodec.h"
#include "json.h"
#include "logging.h"
#include "secrets.h"
#include "sessions.h"
#include "webhooks.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace remise::sandbox {

Sandbox::Sandbox(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_webhooks(new Webhooks(clock, this))
{
    for (const QByteArray method : {"GET", "POST", "DELETE"}) {
        m_server.route(method, u"/v1/*"_s,
                       [this](const http::Request &r, std::shared_ptr<http::Responder> responder) {
                           handleApi(r, std::move(responder));
                       });
        m_server.route(method, u"/_sandbox/*"_s,
                       [this](const http::Request &r, std::shared_ptr<http::Responder> responder) {
                           handleHelper(r, std::move(responder));
                       });
    }
    m_server.setFallback([](const http::Request &r, std::shared_ptr<http::Responder> responder) {
        responder->send(ApiError{
            404,
            u"invalid_request_error"_s,
            {},
            u"Unrecognized request URL (%1: %2)."_s.arg(QString::fromLatin1(r.methodName), r.path),
            {}}.toResponse()
                            .withHeader("Request-Id", "req_unrouted"));
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

namespace {

QString redactedAuthorization(const QByteArray &header)
{
    return redactSecrets(QString::fromLatin1(header));
}

// The key from "Bearer sk_…" or HTTP Basic with the key as user name.
QString apiKeyOf(const http::Request &request)
{
    const QByteArray header = request.header("Authorization").trimmed();
    if (header.startsWith("Bearer "))
        return QString::fromLatin1(header.mid(7).trimmed());
    if (header.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
        return QString::fromLatin1(
            decoded.left(decoded.indexOf(':') < 0 ? decoded.size() : decoded.indexOf(':')));
    }
    return {};
}

http::Response jsonResponse(int status, const QJsonObject &object)
{
    return http::Response::json(status, object);
}

} // namespace

void Sandbox::logStatus(qint64 seq, int status, const QString &requestId, const QString &fault,
                        bool replayed)
{
    for (qsizetype i = m_log.size() - 1; i >= 0; --i) {
        QJsonObject entry = m_log.at(i).toObject();
        if (entry.value(u"seq").toInteger() != seq)
            continue;
        entry.insert(u"status"_s, status);
        entry.insert(u"request_id"_s, requestId);
        if (!fault.isEmpty())
            entry.insert(u"fault"_s, fault);
        entry.insert(u"replayed"_s, replayed);
        m_log[i] = entry;
        return;
    }
}

void Sandbox::respond(const std::shared_ptr<http::Responder> &responder, qint64 logSeq, int status,
                      const QByteArray &body, const QString &idempotencyKey, bool replayed,
                      const QString &fault)
{
    const QString requestId = m_state.newId(u"req"_s, 14);
    logStatus(logSeq, status, requestId, fault, replayed);
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
    const QString idempotencyKey = QString::fromUtf8(request.header("Idempotency-Key"));
    const QByteArray rawParams = request.method == QHttpServerRequest::Method::Post
                                     ? request.body
                                     : request.query.toString(QUrl::FullyEncoded).toUtf8();
    QJsonObject entry{{u"seq"_s, seq},
                      {u"time_ms"_s, m_clock.nowMs()},
                      {u"method"_s, QString::fromLatin1(request.methodName)},
                      {u"path"_s, request.path},
                      {u"query"_s, request.query.toString(QUrl::FullyDecoded)},
                      {u"stripe_version"_s, QString::fromUtf8(request.header("Stripe-Version"))},
                      {u"idempotency_key"_s,
                       idempotencyKey.isEmpty() ? QJsonValue() : QJsonValue(idempotencyKey)},
                      {u"authorization"_s, redactedAuthorization(request.header("Authorization"))},
                      {u"body"_s, redactSecrets(QString::fromUtf8(request.body))},
                      {u"status"_s, QJsonValue()},
                      {u"request_id"_s, QJsonValue()},
                      {u"fault"_s, QJsonValue()},
                      {u"replayed"_s, false}};
    const auto decoded = form::decode(rawParams);
    if (decoded)
        entry.insert(u"params"_s, *decoded);
    m_log.append(entry);
    qCDebug(lcSandbox).noquote() << request.methodName << request.path;

    const auto fail = [&](const ApiError &error) {
        respond(responder, seq, error.status, json::write(error.toJson()), {}, false, {});
    };

    // Authentication, as Stripe: a test key, never echoed in full.
    const QString key = apiKeyOf(request);
    if (key.isEmpty())
        return fail(ApiError{
            401,
            u"invalid_request_error"_s,
            {},
            u"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."_s,
            {}});
    if (!(key.startsWith(u"sk_test_"_s) || key.startsWith(u"rk_test_"_s)) || key.size() < 12)
        return fail(ApiError{
            401,
            u"invalid_request_error"_s,
            u"api_key_invalid"_s,
            u"Invalid API Key provided: %1. The sandbox accepts test keys only (sk_test_… or rk_test_…)."_s
                .arg(redactSecrets(key)),
            {}});
    if (!decoded)
        return fail(ApiError::invalid(decoded.error().message, decoded.error().path));
    if (request.method == QHttpServerRequest::Method::Post && idempotencyKey.size() > 255)
        return fail(
            ApiError::invalid(u"Idempotency-Key is too long: at most 255 characters."_s, {}));

    Call call{request.methodName, request.path, request.path.split(u'/', Qt::SkipEmptyParts).mid(1),
              *decoded, request.header("Stripe-Version")};

    const std::optional<Fault> fault =
        m_faults.take(QString::fromLatin1(request.methodName), request.path);
    if (fault) {
        using K = Fault::Kind;
        QList<QPair<QByteArray, QByteArray>> headers;
        if (fault->shouldRetry)
            headers.append(qMakePair(QByteArray("Stripe-Should-Retry"),
                                     QByteArray(*fault->shouldRetry ? "true" : "false")));
        const auto injected = [&](const ApiError &error) {
            const QString requestId = m_state.newId(u"req"_s, 14);
            logStatus(seq, error.status, requestId, fault->kindName(), false);
            http::Response response = error.toResponse();
            response.headers = headers;
            response.withHeader("Request-Id", requestId.toLatin1());
            responder->send(response);
        };
        switch (fault->kind) {
        case K::Status:
            return injected(
                ApiError{fault->status,
                         u"api_error"_s,
                         {},
                         u"An injected server error (%1) occurred."_s.arg(fault->status),
                         {}});
        case K::LockTimeout:
            return injected(ApiError{
                429,
                u"invalid_request_error"_s,
                u"lock_timeout"_s,
                u"This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request."_s,
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
            if (fault->when == Fault::When::Before) {
                logStatus(seq, fault->kind == K::Drop ? 0 : 200, {}, fault->kindName(), false);
                if (fault->kind == K::Drop)
                    responder->drop();
                else
                    responder->sendRaw("HTTP/1.1 200 OK\r\nContent-Type: "
                                       "application/json\r\nContent-Length: 17\r\n"
                                       "Connection: close\r\n\r\n<html>oops</html>");
                return;
            }
            break; // processed first, below
        case K::Latency:
            break;
        }
    }

    // Idempotency: replay, refuse a different request under the same key, or one in flight.
    const bool post = request.method == QHttpServerRequest::Method::Post;
    if (post && !idempotencyKey.isEmpty()) {
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
            return respond(responder, seq, it->status, it->body, idempotencyKey, true,
                           fault ? fault->kindName() : QString());
        }
        m_idempotency.insert(idempotencyKey, Idempotent{fingerprint, true, 0, {}});
    }

    if (fault && fault->kind == Fault::Kind::Latency) {
        // The request is carried out at the end of the delay; its key is in flight meanwhile.
        QTimer::singleShot(fault->latencyMs, this,
                           [this, call, responder, seq, idempotencyKey, fault] {
                               execute(call, responder, seq, idempotencyKey, fault);
                           });
        return;
    }
    execute(call, responder, seq, idempotencyKey, fault);
}

void Sandbox::execute(const Call &call, std::shared_ptr<http::Responder> responder, qint64 logSeq,
                      const QString &idempotencyKey, const std::optional<Fault> &fault)
{
    const Reply reply = dispatch(call);
    const QByteArray body = json::write(reply.body, json::Style::Pretty, {u"id"_s, u"object"_s});
    if (!idempotencyKey.isEmpty() && call.method == "POST") {
        // Stripe keeps the result of a request that ran; a refused one may be sent again.
        if (reply.status < 400 || reply.status >= 500)
            m_idempotency[idempotencyKey] = Idempotent{
                m_idempotency.value(idempotencyKey).fingerprint, false, reply.status, body};
        else
            m_idempotency.remove(idempotencyKey);
    }
    if (fault && fault->when == Fault::When::After &&
        (fault->kind == Fault::Kind::Drop || fault->kind == Fault::Kind::Malformed)) {
        logStatus(logSeq, fault->kind == Fault::Kind::Drop ? 0 : 200, {}, fault->kindName(), false);
        if (fault->kind == Fault::Kind::Drop)
            responder->drop();
        else
            responder->sendRaw(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n"
                "Connection: close\r\n\r\n<html>oops</html>");
        return;
    }
    respond(responder, logSeq, reply.status, body,
            call.method == "POST" ? idempotencyKey : QString(), false,
            fault ? fault->kindName() : QString());
}

// --- test helpers (/_sandbox) -------------------------------------------------------------------

void Sandbox::handleHelper(const http::Request &request, std::shared_ptr<http::Responder> responder)
{
    const QStringList parts = request.path.split(u'/', Qt::SkipEmptyParts).mid(1);
    const QByteArray method = request.methodName;
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        if (request.body.trimmed().startsWith('{')) {
            body = QJsonDocument::fromJson(request.body).object();
        } else {
            const auto decoded = form::decode(request.body);
            if (decoded)
                body = *decoded;
        }
    }
    const auto send = [&](int status, const QJsonObject &object) {
        responder->send(jsonResponse(status, object));
    };
    const auto bad = [&](const QString &message) {
        send(400, ApiError::invalid(message).toJson());
    };

    if (parts == QStringList{u"health"_s})
        return send(200, {{u"ok"_s, true}});
    if (parts == QStringList{u"requests"_s}) {
        if (method == "DELETE") {
            m_log = {};
            return send(200, {{u"deleted"_s, true}});
        }
        return send(200, {{u"object"_s, u"list"_s}, {u"data"_s, m_log}});
    }
    if (parts == QStringList{u"faults"_s}) {
        if (method == "DELETE") {
            m_faults.clear();
            return send(200, {{u"deleted"_s, true}});
        }
        if (method == "GET")
            return send(200, m_faults.toJson());
        QJsonArray list;
        if (body.contains(u"faults"_s))
            list = body.value(u"faults").toArray();
        else
            list.append(body);
        QList<Fault> parsed;
        for (qsizetype i = 0; i < list.size(); ++i) {
            auto fault = Fault::fromJson(list.at(i).toObject(), m_faults.nextId());
            if (!fault)
                return bad(u"fault %1: %2"_s.arg(i).arg(fault.error()));
            parsed.append(*fault);
        }
        for (const Fault &f : std::as_const(parsed))
            m_faults.add(f);
        return send(200, m_faults.toJson());
    }
    if (parts == QStringList{u"webhook"_s} && method == "POST") {
        const QUrl url(body.value(u"url").toString());
        if (!url.isValid() || url.scheme().isEmpty())
            return bad(u"\"url\" must be the URL of the webhook endpoint"_s);
        m_webhooks->configure(url, body.value(u"secret").toString().toUtf8());
        return send(200, m_webhooks->configuration());
    }
    if (parts == QStringList{u"webhooks"_s})
        return send(200, m_webhooks->deliveries());
    if (parts.size() == 4 && parts.at(0) == u"checkout" && parts.at(1) == u"sessions" &&
        method == "POST") {
        const QString id = parts.at(2);
        if (!m_state.sessions.contains(id))
            return send(404, ApiError::notFound(u"checkout.session"_s, id).toJson());
        Session &s = m_state.sessions[id];
        const QString action = parts.at(3);
        if (action == u"complete") {
            const Reply r = completeSession(id);
            return send(r.status, r.body);
        }
        if (action == u"shipping" || action == u"details") {
            if (s.status != u"open")
                return bad(u"session %1 is %2"_s.arg(id, s.status));
            const QString country = body.value(u"country").toString().toUpper();
            if (action == u"shipping" && country.size() != 2)
                return bad(u"\"country\" must be an ISO 3166-1 alpha-2 code"_s);
            const QJsonObject addr = sessions::address(
                country, body.value(u"city").toString(), body.value(u"line1").toString(),
                body.value(u"postal_code").toString(), body.value(u"state").toString());
            if (action == u"shipping") {
                s.shippingDetails = QJsonObject{
                    {u"address"_s, addr}, {u"name"_s, body.value(u"name").toString(u"Customer"_s)}};
            } else {
                const QJsonObject previous = s.customerDetails.toObject();
                const QString email =
                    body.value(u"email").toString(previous.value(u"email").toString());
                const QString name =
                    body.value(u"name").toString(previous.value(u"name").toString());
                s.customerDetails = sessions::customerDetails(
                    email, name, country.isEmpty() ? QJsonObject() : addr);
            }
            return send(200, sessions::render(m_state, s, {}));
        }
    }
    send(404, ApiError::invalid(
                  u"Unknown sandbox helper: %1 %2"_s.arg(QString::fromLatin1(method), request.path))
                  .toJson());
}

Reply Sandbox::completeSession(const QString &id)
{
    Session &s = m_state.sessions[id];
    if (s.status != u"open")
        return Reply::error(ApiError::invalid(
            u"Only open sessions can be completed; %1 is %2."_s.arg(id, s.status)));
    s.status = u"complete"_s;
    s.paymentStatus =
        sessions::totals(m_state, s).total == 0 ? u"no_payment_required"_s : u"paid"_s;
    if (s.mode == u"payment")
        s.paymentIntent = m_state.newId(u"pi"_s, 24);
    if (s.customerDetails.isNull())
        s.customerDetails = sessions::customerDetails(s.customerEmail, {}, {});
    const QJsonObject object = sessions::render(m_state, s, {});
    m_webhooks->send(u"checkout.session.completed"_s, object, newEventId());
    return Reply::ok(object);
}

} // namespace remise::sandbox
