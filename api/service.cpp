#include "service.h"

#include "apierrors.h"
#include "client.h"
#include "clock.h"
#include "connectionguard.h"
#include "json.h"
#include "logging.h"
#include "reconciler.h"
#include "store.h"
#include "updateworkflow.h"
#include "webhookhandler.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace remise::api {

namespace {

constexpr qint64 maxBodyBytes = 64 * 1024;

QByteArray statusLine(int status)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + http::reasonPhrase(status) + "\r\n";
}

// A complete answer from the connection guard, which closes the connection after it.
QByteArray refusalResponse(int status, const QString &code)
{
    QByteArray out = statusLine(status);
    const QByteArray body = json::write(errorBody(Error{code, {}, {}, {}}), json::Style::Compact);
    out.append("Content-Type: application/json\r\nContent-Length: ");
    out.append(QByteArray::number(body.size()));
    out.append("\r\nConnection: close\r\n\r\n");
    out.append(body);
    return out;
}

const QRegularExpression &sessionIdShape()
{
    static const QRegularExpression re(u"^cs_(test|live)_[A-Za-z0-9]{1,250}$"_s);
    return re;
}

// Reservations by state and limit usage, from the store when it can tell (limitUsage).
template<class S>
QMap<QString, QMap<QString, double>> storeGauges(S &store, qint64 nowMs)
{
    QMap<QString, QMap<QString, double>> out;
    if constexpr (requires { store.limitUsage(nowMs); }) {
        auto usage = store.limitUsage(nowMs);
        if (!usage)
            return out;
        auto &reservations = out[u"remise_reservations|Discount amounts or redemptions held by "
                                 u"open sessions, by state (pending: update in flight; held: the "
                                 u"session carries it)."_s];
        auto &left = out[u"remise_limit_left|What is left of each campaign limit."_s];
        reservations[u"state=\"pending\""_s] += 0;
        reservations[u"state=\"held\""_s] += 0;
        for (const auto &u : std::as_const(*usage)) {
            const QString labels = u"campaign=\"%1\",limit=\"%2\",currency=\"%3\""_s.arg(
                u.campaignId, u.limit, u.currency);
            if (u.limit == u"max_redemptions") {
                reservations[u"state=\"pending\""_s] += double(u.pending);
                reservations[u"state=\"held\""_s] += double(u.held);
            }
            left[labels] = double(u.left);
        }
    }
    return out;
}

} // namespace

// The order keys are written in: the documented shapes read top-down.
const QStringList &keyOrder()
{
    static const QStringList order{
        u"type"_s, u"value"_s,        u"succeeded"_s, u"discount"_s, u"amount_off"_s, u"currency"_s,
        u"name"_s, u"amount_total"_s, u"code"_s,      u"message"_s,  u"param"_s,      u"reason"_s};
    return order;
}

/// One request being answered: measures it and adds the CORS headers to whatever answer goes.
struct Service::Exchange
{
    std::shared_ptr<http::Responder> responder;
    Metrics *metrics = nullptr;
    int *inflight = nullptr; ///< the lane's count
    int lane = 0;
    QString endpoint;
    QElapsedTimer timer;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool answered = false;

    void send(http::Response response)
    {
        if (answered)
            return;
        answered = true;
        for (const auto &h : std::as_const(headers))
            response.headers.append(h);
        responder->send(response);
        --*inflight;
        metrics->inflight(-1, lane);
        metrics->request(endpoint, response.status, double(timer.nsecsElapsed()) / 1e9);
    }
    void json(int status, const QJsonObject &body)
    {
        http::Response r;
        r.status = status;
        r.body = json::write(body, json::Style::Compact, keyOrder());
        r.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
        send(r);
    }
    void error(const Error &e, const QList<QPair<QByteArray, QByteArray>> &extra = {})
    {
        http::Response r;
        r.status = httpStatusFor(e.code);
        r.body = json::write(errorBody(e), json::Style::Compact, keyOrder());
        r.headers = extra;
        r.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
        send(r);
    }
};

Service::Service(const ServiceConfig &config, stripe::Client &client, Store &store,
                 const Clock &clock, ServiceShared &shared, int lane, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_client(client)
    , m_store(store)
    , m_clock(clock)
    , m_webhooks(std::make_unique<WebhookHandler>(client, store, clock, config.webhookSecrets,
                                                  config.webhookToleranceSeconds, shared.metrics))
    , m_metrics(shared.metrics)
    , m_clients(shared.clients)
    , m_sessions(shared.sessions)
    , m_lane(lane)
{
    m_http.setFilter(
        [this](const http::Request &request, const std::shared_ptr<http::Responder> &responder) {
            handle(request, responder);
            return true;
        });
    m_workflow = std::make_unique<UpdateWorkflow>(client, store, clock);
    connect(m_workflow.get(), &UpdateWorkflow::finished, this,
            [this](const QString &, const QString &outcome) { m_metrics.decision(outcome); });

    // Rules published by another process (the desktop app, `campaigns import`) are picked up
    // on every request; this timer also loads them between requests, so the first request
    // after a publication does not pay for it and a broken database shows up in the log.
    m_rulesTimer.setInterval(m_config.rulesPollInterval);
    connect(&m_rulesTimer, &QTimer::timeout, this, &Service::checkRules);
    m_pruneTimer.setInterval(std::chrono::seconds(30));
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nowMs();
        m_clients.prune(now);
        m_sessions.prune(now);
    });
    if (m_config.reconcileInterval.count() > 0) {
        m_reconcileTimer.setInterval(m_config.reconcileInterval);
        connect(&m_reconcileTimer, &QTimer::timeout, this, &Service::reconcile);
    }
}

Service::~Service() = default;

void Service::checkRules()
{
    if (auto engine = m_workflow->engine(); !engine)
        qCWarning(lcHttp).noquote() << "cannot load the rules:" << engine.error().describe();
}

ConnectionGuard *Service::makeGuard()
{
    ConnectionGuard::Limits limits;
    limits.maxBodyBytes = maxBodyBytes;
    limits.requestTimeout = m_config.requestTimeout;
    limits.idleTimeout = m_config.idleTimeout;
    limits.maxConnections = m_config.maxConnections;
    auto *guard = new ConnectionGuard(
        limits, &m_http,
        [](int status, const QString &code) { return refusalResponse(status, code); }, this);
    connect(guard, &ConnectionGuard::refused, this, [this](const QString &code, int status) {
        m_metrics.request(u"refused_by_guard"_s, status, 0);
        qCInfo(lcHttp).noquote() << "connection refused:" << code;
    });
    return guard;
}

Result<quint16> Service::listen()
{
    m_guard = makeGuard();
    if (!m_guard->listen(m_config.address, m_config.port))
        return fail(u"listen_failed"_s,
                    u"cannot listen on %1:%2: %3"_s.arg(m_config.address.toString())
                        .arg(m_config.port)
                        .arg(m_guard->errorString()));
    m_http.bind(m_guard);
    checkRules();
    m_rulesTimer.start();
    m_pruneTimer.start();
    if (m_config.reconcileInterval.count() > 0) {
        // A first sweep at once: what a killed predecessor left pending (updates cut off in
        // flight) counts against limits until it is settled, and may hold the last
        // redemptions of a capped campaign that the next customers are refused.
        QTimer::singleShot(0, this, &Service::reconcile);
        m_reconcileTimer.start();
    }
    return m_guard->serverPort();
}

Status Service::join(Service &first)
{
    m_guard = makeGuard();
    if (!m_guard->join(*first.m_guard))
        return fail(u"listen_failed"_s,
                    u"lane %1 cannot share the listening socket: %2"_s.arg(m_lane).arg(
                        m_guard->errorString()));
    m_http.bind(m_guard);
    checkRules();
    m_rulesTimer.start();
    return {};
}

void Service::shareWith(const QList<Service *> &lanes)
{
    QList<ConnectionGuard *> guards;
    for (Service *lane : lanes)
        guards.append(lane->m_guard);
    m_guard->shareWith(guards);
}

void Service::shutdown(std::function<void()> done)
{
    m_shuttingDown = true;
    m_rulesTimer.stop();
    m_reconcileTimer.stop();
    if (m_guard)
        m_guard->drain();
    qCInfo(lcHttp).noquote() << "shutting down lane" << m_lane << "with" << m_inflight
                             << "requests in flight";
    auto deadline = std::make_shared<QElapsedTimer>();
    deadline->start();
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, deadline, poll, done] {
        // Answered and written: an answer still in a socket's buffer would be lost on exit.
        const bool answered = m_inflight <= 0 && (!m_guard || m_guard->unsentBytes() == 0);
        if (answered || deadline->elapsed() >= m_config.shutdownGrace.count()) {
            if (m_inflight > 0)
                qCWarning(lcHttp).noquote()
                    << "shutdown grace over;" << m_inflight << "requests abandoned";
            *poll = nullptr; // breaks the cycle
            done();
            return;
        }
        QTimer::singleShot(20, this, *poll);
    };
    QTimer::singleShot(0, this, *poll);
}

QString Service::clientKey(const http::Request &request) const
{
    if (m_config.trustProxy && request.remoteAddress.isLoopback()) {
        // The last hop the local proxy appended is the client it saw.
        const QByteArray forwarded = request.header("X-Forwarded-For");
        const QByteArray last = forwarded.split(',').last().trimmed();
        QHostAddress address;
        if (!last.isEmpty() && address.setAddress(QString::fromLatin1(last)))
            return address.toString();
    }
    return request.remoteAddress.toString();
}

void Service::handle(const http::Request &request,
                     const std::shared_ptr<http::Responder> &responder)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->responder = responder;
    exchange->metrics = &m_metrics;
    exchange->inflight = &m_inflight;
    exchange->lane = m_lane;
    exchange->timer.start();
    ++m_inflight;
    m_metrics.inflight(+1, m_lane);

    const QString &path = request.path;
    const QByteArray &method = request.methodName;
    const bool head = method == "HEAD";
    const auto onlyGet = [&] {
        if (method == "GET" || head)
            return true;
        exchange->error(Error{apierrc::methodNotAllowed, {}, {}, {}}, {{"Allow", "GET, HEAD"}});
        return false;
    };

    if (path == u"/healthz") {
        exchange->endpoint = u"healthz"_s;
        if (onlyGet())
            exchange->json(200, {{u"status"_s, u"ok"_s}});
        return;
    }
    if (path == u"/readyz") {
        exchange->endpoint = u"readyz"_s;
        if (onlyGet())
            readiness(exchange);
        return;
    }
    if (path == u"/metrics") {
        exchange->endpoint = u"metrics"_s;
        if (onlyGet()) {
            http::Response r =
                http::Response::text(200, m_metrics.render(storeGauges(m_store, m_clock.nowMs())));
            r.contentType = "text/plain; version=0.0.4; charset=utf-8";
            exchange->send(r);
        }
        return;
    }
    if (path == u"/v1/webhooks/stripe") {
        exchange->endpoint = u"webhook"_s;
        if (method != "POST")
            return exchange->error(Error{apierrc::methodNotAllowed, {}, {}, {}},
                                   {{"Allow", "POST"}});
        if (m_shuttingDown) // Stripe delivers again later
            return exchange->error(Error{apierrc::shuttingDown, {}, {}, {}});
        m_webhooks->handle(
            request.body, request.header("Stripe-Signature"),
            [exchange](int status, const QJsonObject &body) { exchange->json(status, body); });
        return;
    }

    static const QHash<QString, QString> endpoints{
        {u"/v1/discounts/refresh"_s, u"refresh"_s},
        {u"/v1/discounts/code"_s, u"code"_s},
        {u"/v1/discounts/code/remove"_s, u"code_remove"_s}};
    const auto endpoint = endpoints.constFind(path);
    exchange->endpoint = endpoint == endpoints.cend() ? u"other"_s : *endpoint;

    // Every storefront request counts against its client's budget, found or not.
    if (const qint64 waitMs = m_clients.take(clientKey(request), m_clock.nowMs())) {
        m_metrics.rateLimited(u"client"_s);
        return exchange->error(Error{apierrc::rateLimited, {}, {}, {}},
                               {{"Retry-After", QByteArray::number((waitMs + 999) / 1000)}});
    }
    if (endpoint == endpoints.cend())
        return exchange->error(Error{apierrc::notFound, {}, {}, {}});

    // CORS: only the configured origins, exactly; a request without Origin is not a browser's
    // cross-origin call and goes on (CORS does not protect against other clients anyway).
    const QByteArray origin = request.header("Origin");
    if (request.hasHeader("Origin")) {
        if (!m_config.allowedOrigins.contains(QString::fromUtf8(origin)))
            return exchange->error(Error{apierrc::originNotAllowed, {}, {}, {}});
        exchange->headers = {{"Access-Control-Allow-Origin", origin}, {"Vary", "Origin"}};
    }
    if (method == "OPTIONS") {
        if (origin.isEmpty())
            return exchange->error(Error{apierrc::originNotAllowed, {}, {}, {}});
        http::Response r;
        r.status = 204;
        r.contentType = "text/plain";
        r.headers = {{"Access-Control-Allow-Methods", "POST"},
                     {"Access-Control-Allow-Headers", "Content-Type"},
                     {"Access-Control-Max-Age", "600"}};
        return exchange->send(r);
    }
    if (method != "POST")
        return exchange->error(Error{apierrc::methodNotAllowed, {}, {}, {}},
                               {{"Allow", "POST, OPTIONS"}});
    if (m_shuttingDown)
        return exchange->error(Error{apierrc::shuttingDown, {}, {}, {}}, {{"Connection", "close"}});
    discounts(request, exchange);
}

void Service::readiness(const std::shared_ptr<Exchange> &exchange)
{
    const auto version = m_store.schemaVersion();
    const bool ready = version && *version == Store::latestSchemaVersion() && !m_shuttingDown;
    if (!ready && !version)
        qCWarning(lcHttp).noquote() << "not ready: the store:" << version.error().describe();
    exchange->json(ready ? 200 : 503, {{u"status"_s, ready ? u"ready"_s : u"not_ready"_s}});
}

void Service::discounts(const http::Request &request, const std::shared_ptr<Exchange> &exchange)
{
    const auto refuse = [&](const QString &code, const QString &param = {}) {
        exchange->error(Error{code, {}, param.isEmpty() ? QString() : u"$."_s + param, {}});
    };
    const QByteArray contentType = request.header("Content-Type").trimmed().toLower();
    if (contentType != "application/json" && !contentType.startsWith("application/json;"))
        return refuse(apierrc::unsupportedMediaType);
    if (request.body.size() > maxBodyBytes) // the guard refuses these first; belt and braces
        return refuse(apierrc::payloadTooLarge);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return refuse(u"invalid_json"_s);
    const QJsonObject body = document.object();

    const QString &endpoint = exchange->endpoint;
    const bool takesCode = endpoint == u"code";
    for (auto it = body.begin(); it != body.end(); ++it)
        if (it.key() != u"checkout_session_id" && !(takesCode && it.key() == u"code"))
            return refuse(u"unknown_field"_s, it.key().left(64));

    const QJsonValue idValue = body.value(u"checkout_session_id");
    if (idValue.isUndefined())
        return refuse(u"missing_value"_s, u"checkout_session_id"_s);
    if (!idValue.isString())
        return refuse(u"invalid_value"_s, u"checkout_session_id"_s);
    const QString sessionId = idValue.toString();
    // Shape, and the key's mode: a live session id with a test key (or the reverse) cannot be
    // found by Stripe, so it is not worth a call.
    const bool liveKey = m_client.keyMode() == ApiKey::Mode::Live;
    if (!sessionIdShape().match(sessionId).hasMatch() ||
        sessionId.startsWith(liveKey ? u"cs_test_"_s : u"cs_live_"_s))
        return refuse(apierrc::invalidSessionId, u"checkout_session_id"_s);

    QString code;
    if (takesCode) {
        const QJsonValue codeValue = body.value(u"code");
        if (codeValue.isUndefined())
            return refuse(u"missing_value"_s, u"code"_s);
        if (!codeValue.isString())
            return refuse(u"invalid_value"_s, u"code"_s);
        code = codeValue.toString().trimmed();
        const bool printable = std::all_of(code.cbegin(), code.cend(), [](QChar c) {
            return c.isPrint() && c.category() != QChar::Other_Format;
        });
        if (code.isEmpty() || code.size() > 64 || !printable)
            return refuse(apierrc::invalidCode, u"code"_s);
    }

    if (const qint64 waitMs = m_sessions.take(sessionId, m_clock.nowMs())) {
        m_metrics.rateLimited(u"session"_s);
        return exchange->error(Error{apierrc::rateLimited, {}, {}, {}},
                               {{"Retry-After", QByteArray::number((waitMs + 999) / 1000)}});
    }

    UpdateRequest update;
    update.sessionId = sessionId;
    update.actor = u"service"_s;
    if (endpoint == u"code") {
        update.codeAction = UpdateRequest::Code::Submit;
        update.code = code;
        update.action = u"code"_s;
    } else if (endpoint == u"code_remove") {
        update.codeAction = UpdateRequest::Code::Remove;
        update.action = u"remove_code"_s;
    } else {
        update.action = u"refresh"_s;
    }
    m_workflow->run(update, this, [exchange](Result<UpdateOutcome> outcome) {
        if (!outcome) {
            if (httpStatusFor(outcome.error().code) >= 500)
                qCWarning(lcHttp).noquote()
                    << exchange->endpoint << "failed:" << outcome.error().code
                    << outcome.error().describe();
            return exchange->error(outcome.error());
        }
        // The discount the session carries now, as the customer sees it.
        QJsonValue discount;
        const QJsonObject &after = outcome->after;
        if (!after.isEmpty()) {
            const qint64 amount = after.contains(u"amount_off"_s)
                                      ? after.value(u"amount_off").toInteger()
                                      : outcome->session.amountDiscount;
            discount = QJsonObject{
                {u"amount_off"_s, amount},
                {u"currency"_s, after.value(u"currency").toString(outcome->session.currency)},
                {u"name"_s, after.value(u"name").toString()}};
        }
        exchange->json(200, {{u"type"_s, u"object"_s},
                             {u"value"_s, QJsonObject{{u"succeeded"_s, true},
                                                      {u"discount"_s, discount},
                                                      {u"amount_total"_s, outcome->amountTotal}}}});
    });
}

void Service::reconcile()
{
    if (m_reconciling || m_shuttingDown)
        return;
    m_reconciling = true;
    auto reconciler = std::make_shared<Reconciler>(m_client, m_store, m_clock);
    reconciler->run(false, this, [this, reconciler](Result<ReconcileReport> report) {
        m_reconciling = false;
        if (!report) {
            qCWarning(lcHttp).noquote() << "reconcile failed:" << report.error().describe();
            return;
        }
        m_metrics.reconcile(u"committed"_s, report->committed);
        m_metrics.reconcile(u"released"_s, report->released);
        m_metrics.reconcile(u"kept"_s, report->kept);
        m_metrics.reconcile(u"failed"_s, report->failed);
        qCInfo(lcHttp).noquote() << "reconciled:" << report->committed << "committed,"
                                 << report->released << "released," << report->kept << "kept,"
                                 << report->failed << "failed";
    });
}

} // namespace remise::api
