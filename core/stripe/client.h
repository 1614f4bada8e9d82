#pragma once

#include "clock.h"
#include "jsonreader.h"
#include "result.h"
#include "secrets.h"
#include "transport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

/// A client for the part of Stripe's API Remise uses: form-encoded requests,
/// idempotency keys on every POST, retries as the official SDKs do them, bounded timeouts, and
/// errors that carry Stripe's fields and the Request-Id. Asynchronous, on the caller's thread.
namespace remise::stripe {

/// The documented preview version for server-side discount updates.
inline const QString previewApiVersion =
    QStringLiteral("2025-03-31.basil; checkout_server_update_beta=v1");
inline const QUrl defaultApiBase = QUrl(QStringLiteral("https://api.stripe.com"));

struct Config
{
    QUrl apiBase = defaultApiBase;
    QString apiVersion = previewApiVersion;
    int maxRetries = 2;                               ///< retries after the first attempt
    std::chrono::milliseconds attemptTimeout{10'000}; ///< one attempt, connect to last byte
    std::chrono::milliseconds totalTimeout{18'000};   ///< the whole call, retries included
    bool allowLive = false;                           ///< refuse live keys unless set
};

/// A successful (2xx) answer.
struct Response
{
    int status = 0;
    QJsonObject body; ///< empty when the body was read as a Reader
    /// The body, when the call asked for it as a json::Reader (Client::Body::Reader): reading a
    /// few fields of a large object this way costs much less than building `body`.
    std::shared_ptr<const json::Reader> reader;
    QString requestId;
    int attempts = 1;
    qint64 latencyMs = 0;  ///< from the first attempt to the answer, retries included
    bool replayed = false; ///< Idempotent-Replayed: true
};

/// A failed call. `kind` is what callers branch on; the rest is Stripe's own detail.
struct ApiError
{
    enum class Kind {
        Connection,     ///< could not connect, or the connection dropped
        Timeout,        ///< no answer within the attempt or total timeout
        Authentication, ///< 401
        Permission,     ///< 403
        InvalidRequest, ///< 400 and other 4xx not listed here
        NotFound,       ///< 404
        Idempotency,    ///< idempotency_error (key reused with other parameters), or 409
        RateLimit,      ///< 429
        LockTimeout,    ///< 429 with code lock_timeout
        Card,           ///< 402 card_error
        Server,         ///< 5xx
        Malformed,      ///< a 2xx whose body is not a JSON object
        Refused,        ///< refused locally (live key without allowLive)
    };

    Kind kind = Kind::Connection;
    int httpStatus = 0;
    QString type;    ///< Stripe's error.type
    QString code;    ///< Stripe's error.code
    QString message; ///< Stripe's message, or ours for local failures (no secrets)
    QString param;
    QString docUrl;
    QString requestLogUrl;
    QString requestId;
    int attempts = 0;

    /// Stable name of the kind: "connection", "timeout", "invalid_request", ….
    QString kindName() const;
    /// "Stripe invalid_request (400, param discounts): message [req_…]"
    QString describe() const;
    /// The error code for this failure (docs/errors.md): stripe_timeout, stripe_unavailable,
    /// stripe_authentication, live_key_refused or stripe_error.
    QString errorCode() const;
    /// As a core Error: code errorCode(), message describe(), path param.
    Error toError() const;
};

template<class T>
using StripeResult = std::expected<T, ApiError>;

/// Retry policy of Stripe's official SDKs, pure so it can be tested: whether attempt `attempt` (1 =
/// the first) that failed this way may be retried, and how long to wait before retry `retry`
/// (1-based) given a random factor in [0, 1].
namespace retry {
/// `shouldRetryHeader`: the Stripe-Should-Retry header, or empty when absent.
bool isRetryable(int httpStatus, bool connectionFailed, const QByteArray &shouldRetryHeader,
                 const QString &errorCode);
std::chrono::milliseconds backoff(int retry, double random01);
} // namespace retry

class Client : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(StripeResult<Response>)>;
    using ListCallback = std::function<void(StripeResult<QJsonArray>)>;

    /// Fails for live keys unless `config.allowLive`.
    static Result<std::unique_ptr<Client>>
    create(const ApiKey &key, const Config &config, Transport *transport, const Clock &clock,
           Scheduler &scheduler, std::function<double()> random = {}, QObject *parent = nullptr);

    /// How a 2xx body is handed over: as `Response::body`, or as `Response::reader`.
    enum class Body { Object, Reader };

    /// GET `path` (e.g. "/v1/checkout/sessions/cs_test_…") with `params` as a query string
    /// (nested and indexed like form bodies: expand[0]=line_items).
    void get(const QString &path, const QJsonObject &params, QObject *context, Callback done,
             Body body = Body::Object);
    /// POST `params` form-encoded. `idempotencyKey` is sent on every attempt; an empty one is
    /// replaced by a fresh random key (still the same across this call's retries).
    void post(const QString &path, const QJsonObject &params, const QString &idempotencyKey,
              QObject *context, Callback done);
    /// GETs a list endpoint page after page (starting_after the last id) until has_more is
    /// false or `maxItems` items were read; the items in order.
    void listAll(const QString &path, const QJsonObject &params, int maxItems, QObject *context,
                 ListCallback done);

    const Config &config() const { return m_config; }
    ApiKey::Mode keyMode() const { return m_key.mode(); }
    QString redactedKey() const { return m_key.redacted(); }

private:
    Client(const ApiKey &key, const Config &config, Transport *transport, const Clock &clock,
           Scheduler &scheduler, std::function<double()> random, QObject *parent);
    struct Call;
    void attempt(std::shared_ptr<Call> call);
    void answered(const std::shared_ptr<Call> &call, const HttpReply &reply, qint64 attemptStarted);
    void finish(const std::shared_ptr<Call> &call, StripeResult<Response> result);

    ApiKey m_key;
    Config m_config;
    Transport *m_transport; ///< not owned
    const Clock &m_clock;
    Scheduler &m_scheduler;
    std::function<double()> m_random;
};

} // namespace remise::stripe
