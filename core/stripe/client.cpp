#include "client.h"

#include "formcodec.h"
#include "json.h"
#include "logging.h"

#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::stripe {

// --- errors -------------------------------------------------------------------------------------

QString ApiError::kindName() const
{
    switch (kind) {
    case Kind::Connection:
        return u"connection"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::Authentication:
        return u"authentication"_s;
    case Kind::Permission:
        return u"permission"_s;
    case Kind::InvalidRequest:
        return u"invalid_request"_s;
    case Kind::NotFound:
        return u"not_found"_s;
    case Kind::Idempotency:
        return u"idempotency"_s;
    case Kind::RateLimit:
        return u"rate_limit"_s;
    case Kind::LockTimeout:
        return u"lock_timeout"_s;
    case Kind::Card:
        return u"card"_s;
    case Kind::Server:
        return u"server"_s;
    case Kind::Malformed:
        return u"malformed_response"_s;
    case Kind::Refused:
        return u"refused"_s;
    }
    return u"unknown"_s;
}

QString ApiError::describe() const
{
    QString text = u"Stripe "_s + kindName();
    QStringList facts;
    if (httpStatus > 0)
        facts.append(QString::number(httpStatus));
    if (!code.isEmpty() && code != kindName())
        facts.append(code);
    if (!param.isEmpty())
        facts.append(u"param "_s + param);
    if (attempts > 1)
        facts.append(u"%1 attempts"_s.arg(attempts));
    if (!facts.isEmpty())
        text += u" ("_s + facts.join(u", "_s) + u')';
    if (!message.isEmpty())
        text += u": "_s + message;
    if (!requestId.isEmpty())
        text += u" ["_s + requestId + u']';
    return redactSecrets(text);
}

QString ApiError::errorCode() const
{
    // One meaning per code, whichever command or endpoint reports it (docs/errors.md).
    switch (kind) {
    case Kind::Timeout:
        return errc::stripeTimeout;
    case Kind::Connection:
    case Kind::Server:
    case Kind::RateLimit:
    case Kind::LockTimeout:
    case Kind::Malformed:
        return errc::stripeUnavailable;
    case Kind::Authentication:
    case Kind::Permission:
        return errc::stripeAuthentication;
    case Kind::Refused:
        return errc::liveKeyRefused;
    case Kind::InvalidRequest:
    case Kind::NotFound:
    case Kind::Idempotency:
    case Kind::Card:
        break;
    }
    return errc::stripeError;
}

Error ApiError::toError() const
{
    return Error{errorCode(), describe(), param, {}};
}

// --- retry policy -------------------------------------------------------------------------------

namespace retry {

bool isRetryable(int httpStatus, bool connectionFailed, const QByteArray &shouldRetryHeader,
                 const QString &errorCode)
{
    Q_UNUSED(errorCode); // lock timeouts are retried only when Stripe says so, like the rest
    if (connectionFailed)
        return true;
    const QByteArray header = shouldRetryHeader.trimmed().toLower();
    if (header == "true")
        return true;
    if (header == "false")
        return false;
    return httpStatus == 409 || httpStatus >= 500;
}

std::chrono::milliseconds backoff(int retryNumber, double random01)
{
    using namespace std::chrono;
    const int exponent = std::clamp(retryNumber - 1, 0, 10);
    const double base = std::min(500.0 * double(1 << exponent), 5000.0);
    const double factor = 0.5 + 0.5 * std::clamp(random01, 0.0, 1.0);
    return milliseconds(qint64(std::max(500.0, base * factor)));
}

} // namespace retry

// --- the client ---------------------------------------------------------------------------------

struct Client::Call
{
    QByteArray method;
    QString path;
    QJsonObject params;
    QString idempotencyKey;
    QPointer<QObject> context;
    bool hasContext = false;
    Callback done;
    Body body = Body::Object;
    qint64 startedMs = 0;
    int attempts = 0;
    bool finished = false;
};

Result<std::unique_ptr<Client>> Client::create(const ApiKey &key, const Config &config,
                                               Transport *transport, const Clock &clock,
                                               Scheduler &scheduler, std::function<double()> random,
                                               QObject *parent)
{
    if (key.isLive() && !config.allowLive)
        return fail(
            errc::liveKeyRefused,
            u"the Stripe key %1 is a live-mode key; Remise refuses live keys unless --allow-live is given"_s
                .arg(key.redacted()));
    if (!config.apiBase.isValid() || config.apiBase.host().isEmpty())
        return fail(errc::invalidValue, u"the Stripe API base is not a URL"_s);
    if (!transport)
        return fail(errc::invalidValue, u"no HTTP transport"_s);
    if (!random)
        random = [] {
            return QRandomGenerator::global()->generateDouble();
        };
    return std::unique_ptr<Client>(
        new Client(key, config, transport, clock, scheduler, std::move(random), parent));
}

Client::Client(const ApiKey &key, const Config &config, Transport *transport, const Clock &clock,
               Scheduler &scheduler, std::function<double()> random, QObject *parent)
    : QObject(parent)
    , m_key(key)
    , m_config(config)
    , m_transport(transport)
    , m_clock(clock)
    , m_scheduler(scheduler)
    , m_random(std::move(random))
{}

void Client::get(const QString &path, const QJsonObject &params, QObject *context, Callback done,
                 Body body)
{
    auto call = std::make_shared<Call>();
    call->method = "GET";
    call->body = body;
    call->path = path;
    call->params = params;
    call->context = context;
    call->hasContext = context != nullptr;
    call->done = std::move(done);
    call->startedMs = m_clock.nowMs();
    attempt(call);
}

void Client::post(const QString &path, const QJsonObject &params, const QString &idempotencyKey,
                  QObject *context, Callback done)
{
    auto call = std::make_shared<Call>();
    call->method = "POST";
    call->path = path;
    call->params = params;
    call->idempotencyKey = idempotencyKey.isEmpty()
                               ? u"remise-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces)
                               : idempotencyKey.left(255);
    call->context = context;
    call->hasContext = context != nullptr;
    call->done = std::move(done);
    call->startedMs = m_clock.nowMs();
    attempt(call);
}

namespace {

ApiError::Kind kindFor(int status, const QString &type, const QString &code)
{
    using K = ApiError::Kind;
    if (type == u"idempotency_error")
        return K::Idempotency;
    switch (status) {
    case 401:
        return K::Authentication;
    case 402:
        return K::Card;
    case 403:
        return K::Permission;
    case 404:
        return K::NotFound;
    case 409:
        return K::Idempotency;
    case 429:
        return code == u"lock_timeout" ? K::LockTimeout : K::RateLimit;
    default:
        return status >= 500 ? K::Server : K::InvalidRequest;
    }
}

} // namespace

void Client::attempt(std::shared_ptr<Call> call)
{
    if (call->finished || (call->hasContext && !call->context))
        return;
    ++call->attempts;

    QUrl url = m_config.apiBase;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + call->path);
    QByteArray body;
    if (call->method == "GET") {
        if (!call->params.isEmpty())
            url.setQuery(QString::fromUtf8(form::encode(call->params)), QUrl::StrictMode);
    } else {
        body = form::encode(call->params);
    }
    HttpRequest request;
    request.method = call->method;
    request.url = url;
    request.headers.reserve(6);
    request.headers.emplaceBack("Authorization", "Bearer " + m_key.reveal().toUtf8());
    request.headers.emplaceBack("Stripe-Version", m_config.apiVersion.toUtf8());
    request.headers.emplaceBack(
        "User-Agent", "Remise/" QT_STRINGIFY(REMISE_VERSION_STRING) " (Qt " QT_VERSION_STR ")");
    request.headers.emplaceBack("Accept", "application/json");
    if (call->method == "POST") {
        request.headers.emplaceBack("Content-Type", "application/x-www-form-urlencoded");
        request.headers.emplaceBack("Idempotency-Key", call->idempotencyKey.toUtf8());
    }
    request.body = std::move(body);

    // The attempt ends at its own timeout or when the whole call's time is up, whichever first.
    const qint64 elapsed = m_clock.nowMs() - call->startedMs;
    const qint64 left = m_config.totalTimeout.count() - elapsed;
    request.timeout = std::chrono::milliseconds(
        std::max<qint64>(1, std::min<qint64>(m_config.attemptTimeout.count(), left)));
    const qint64 attemptStarted = m_clock.nowMs();

    m_transport->send(std::move(request), [self = QPointer<Client>(this), call,
                                           attemptStarted](const HttpReply &reply) {
        if (self)
            self->answered(call, reply, attemptStarted);
    });
}

void Client::answered(const std::shared_ptr<Call> &call, const HttpReply &reply,
                      qint64 attemptStarted)
{
    const int status = reply.status;
    const QString requestId = QString::fromLatin1(reply.header("Request-Id"));
    const QByteArray &bytes = reply.body;
    const qint64 now = m_clock.nowMs();
    qCInfo(lcStripe).noquote() << call->method << call->path
                               << (status ? QString::number(status) : u"-"_s)
                               << (requestId.isEmpty() ? u"-"_s : requestId) << u"attempt"_s
                               << call->attempts << u"%1 ms"_s.arg(now - attemptStarted);

    ApiError error;
    error.attempts = call->attempts;
    error.requestId = requestId;
    bool retryable = false;
    if (reply.failure == HttpReply::Failure::Timeout) {
        error.kind = ApiError::Kind::Timeout;
        error.message = u"no answer within %1 ms"_s.arg(now - attemptStarted);
        retryable = true;
    } else if (reply.failure == HttpReply::Failure::Protocol) {
        // Not retried: the request may well have been carried out.
        error.kind = ApiError::Kind::Malformed;
        error.message = redactSecrets(reply.errorString);
        return finish(call, std::unexpected(error));
    } else if (reply.failure != HttpReply::Failure::None) {
        // The transport has already resent the request once if a kept-alive connection
        // had closed before any answer; every POST carries its idempotency key, so that
        // resend is safe too.
        error.kind = ApiError::Kind::Connection;
        error.message = redactSecrets(reply.errorString);
        retryable = true;
    } else if (status >= 200 && status < 300) {
        Response response;
        bool isObject = false;
        if (call->body == Body::Reader) {
            auto reader = json::Reader::parse(bytes);
            isObject = reader && reader->root().isObject();
            if (isObject)
                response.reader = std::make_shared<const json::Reader>(std::move(*reader));
        } else {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
            isObject = parseError.error == QJsonParseError::NoError && document.isObject();
            response.body = document.object();
        }
        if (!isObject) {
            // Not retried: the request may well have been carried out.
            error.kind = ApiError::Kind::Malformed;
            error.httpStatus = status;
            error.message = u"the answer is not a JSON object (%1 bytes)"_s.arg(bytes.size());
            return finish(call, std::unexpected(error));
        }
        response.status = status;
        response.requestId = requestId;
        response.attempts = call->attempts;
        response.latencyMs = now - call->startedMs;
        response.replayed = reply.header("Idempotent-Replayed").toLower() == "true";
        return finish(call, response);
    } else {
        error.httpStatus = status;
        const QJsonObject object =
            QJsonDocument::fromJson(bytes).object().value(u"error").toObject();
        error.type = json::string(object, u"type");
        error.code = json::string(object, u"code");
        error.message = redactSecrets(json::string(object, u"message"));
        error.param = json::string(object, u"param");
        error.docUrl = json::string(object, u"doc_url");
        error.requestLogUrl = json::string(object, u"request_log_url");
        if (object.isEmpty())
            error.message = u"HTTP %1 with %2"_s.arg(status).arg(
                bytes.isEmpty() ? u"no body"_s : u"a body that is not a Stripe error"_s);
        error.kind = kindFor(status, error.type, error.code);
        retryable =
            retry::isRetryable(status, false, reply.header("Stripe-Should-Retry"), error.code);
    }

    if (retryable && call->attempts <= m_config.maxRetries) {
        const auto delay = retry::backoff(call->attempts, m_random());
        const qint64 deadline = call->startedMs + m_config.totalTimeout.count();
        // A retry needs time to wait and then to get an answer; give up if it cannot.
        if (now + delay.count() + 100 < deadline) {
            qCInfo(lcStripe).noquote() << "retrying" << call->method << call->path << "in"
                                       << delay.count() << "ms after" << error.kindName();
            m_scheduler.after(delay, this, [this, call] { attempt(call); });
            return;
        }
    }
    finish(call, std::unexpected(error));
}

void Client::finish(const std::shared_ptr<Call> &call, StripeResult<Response> result)
{
    if (call->finished)
        return;
    call->finished = true;
    if (!result)
        qCWarning(lcStripe).noquote()
            << call->method << call->path << "failed:" << result.error().describe();
    if (call->done && (!call->hasContext || call->context))
        call->done(std::move(result));
}

void Client::listAll(const QString &path, const QJsonObject &params, int maxItems, QObject *context,
                     ListCallback done)
{
    struct Walk
    {
        QJsonArray items;
        QPointer<QObject> context;
        bool hasContext;
        ListCallback done;
    };
    auto walk = std::make_shared<Walk>(Walk{{}, context, context != nullptr, std::move(done)});
    auto page = std::make_shared<std::function<void(QString)>>();
    *page = [this, path, params, maxItems, walk, page](const QString &after) {
        QJsonObject query = params;
        if (!after.isEmpty())
            query.insert(u"starting_after"_s, after);
        get(path, query, walk->hasContext ? walk->context.data() : nullptr,
            [this, maxItems, walk, page](StripeResult<Response> response) {
                const auto deliver = [&](StripeResult<QJsonArray> result) {
                    if (walk->done && (!walk->hasContext || walk->context))
                        walk->done(std::move(result));
                    *page = nullptr; // break the cycle
                };
                if (!response)
                    return deliver(std::unexpected(response.error()));
                const QJsonArray data = json::array(response->body, u"data");
                for (const QJsonValue &item : data) {
                    if (walk->items.size() >= maxItems)
                        break;
                    walk->items.append(item);
                }
                const bool more = response->body.value(u"has_more").toBool() && !data.isEmpty() &&
                                  walk->items.size() < maxItems;
                if (!more)
                    return deliver(walk->items);
                const QString last = data.last().toObject().value(u"id").toString();
                QTimer::singleShot(0, this, [page, last] {
                    if (*page)
                        (*page)(last);
                });
            });
    };
    (*page)(QString());
}

} // namespace remise::stripe
