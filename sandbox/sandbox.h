#pragma once

#include "apierror.h"
#include "faults.h"
#include "result.h"
#include "server.h"
#include "state.h"

#include <QJsonArray>
#include <QObject>
#include <QUrl>

namespace remise {
class Clock;
}

namespace remise::sandbox {

class Webhooks;

/// A local, stateful stand-in for the part of Stripe's API Remise uses (docs/sandbox.md): Checkout
/// Sessions, coupons, customers, products and prices under /v1 with Stripe's validation, error
/// shapes, idempotency and preview-version rule; signed webhooks; and test helpers under
/// /_sandbox (complete a session, set its address, the request log, fault injection).
class Sandbox : public QObject
{
    Q_OBJECT
public:
    explicit Sandbox(const Clock &clock, QObject *parent = nullptr);
    ~Sandbox() override;

    /// Listens on a loopback address only; returns the port (0 on failure).
    quint16 listen(const QHostAddress &address, quint16 port);
    void configureWebhooks(const QUrl &url, const QByteArray &secret);
    /// The discount service the demo storefront page calls (/_sandbox/storefront/, see
    /// docs/storefront.md); a page may override it with ?service=URL.
    void setStorefrontService(const QUrl &url);
    /// Fills the sandbox with the demo shop (seed/demo.json).
    Status seedDemo();
    /// Fills the sandbox from seed data shaped like seed/demo.json; names every problem.
    Status seed(const QJsonObject &data);

    State &state()
    {
        changed(); // the caller may change objects
        return m_state;
    }
    Webhooks &webhooks() { return *m_webhooks; }

private:
    /// One decoded /v1 request.
    struct Call
    {
        QByteArray method;
        QString path;
        QStringList segments; ///< path split, without "v1"
        QJsonObject params;
        QByteArray stripeVersion;
        QString requestId;      ///< given on arrival; events it causes carry it
        QString idempotencyKey; ///< empty when none
    };
    struct Idempotent
    {
        QByteArray fingerprint;
        bool inFlight = true;
        int status = 0;
        QByteArray body;
    };

    // The Stripe.js stand-in, the storefront page and webhook redelivery (storefront.cpp).
    void routeStorefront();
    QByteArray storefrontConfig() const;
    /// Forgets the kept GET answers: to be called before anything changes an object.
    void changed() { m_answers.clear(); }
    QString sessionIdForClientSecret(const QString &clientSecret) const;

    void handleApi(const http::Request &request, std::shared_ptr<http::Responder> responder);
    void handleHelper(const http::Request &request, std::shared_ptr<http::Responder> responder);
    /// Answers an injected fault; returns false when the fault lets the request go on
    /// (latency, or drop/malformed "after").
    bool injectBefore(const Fault &fault, const Call &call,
                      const std::shared_ptr<http::Responder> &responder, qint64 logSeq);
    /// Runs a call and answers it (storing the idempotent result), honouring an "after" fault.
    void execute(const Call &call, std::shared_ptr<http::Responder> responder, qint64 logSeq,
                 const std::optional<Fault> &fault);
    void respond(const std::shared_ptr<http::Responder> &responder, qint64 logSeq,
                 const QString &requestId, int status, const QByteArray &body,
                 const QString &idempotencyKey, bool replayed, const QString &fault);
    /// A Stripe error body with its request_log_url, serialised.
    QByteArray errorBody(const ApiError &error, const QString &requestId) const;
    void logStatus(qint64 seq, int status, const QString &fault, bool replayed);

    Reply dispatch(const Call &call);
    Reply unrecognized(const Call &call) const;
    Reply customers(const Call &call);
    Reply catalogue(const Call &call);
    Reply coupons(const Call &call);
    Reply checkout(const Call &call);
    Reply listSessions(const Call &call);
    Reply completeSession(const QString &id);
    QString newEventId();
    qint64 nowSeconds() const;

    const Clock &m_clock;
    http::Server m_server;
    State m_state;
    Webhooks *m_webhooks;
    Faults m_faults;
    QHash<QString, Idempotent> m_idempotency;
    QJsonArray m_log;
    /// Answers of GET /v1 requests by path and parameters, dropped at any change (execute(),
    /// the helpers): a retrieve repeated between changes costs no rendering.
    QHash<QByteArray, QByteArray> m_answers;
    qint64 m_logSeq = 0;
    int m_events = 0;
    QUrl m_storefrontService;
};

} // namespace remise::sandbox
