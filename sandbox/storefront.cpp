// The sandbox's storefront side, outside /v1 (docs/sandbox.md, docs/storefront.md):
// - GET /_sandbox/stripe.js: a stand-in for the part of Stripe.js's Checkout API a storefront
//   uses around runServerUpdate, talking to the sandbox through /_sandbox/stripe-js/…;
// - GET /_sandbox/storefront/…: the example page of resources/storefront, with a generated
//   config.js pointing it at the stand-in, a demo session and the discount service;
// - the webhook events sent so far, and their redelivery.

#include "json.h"
#include "sandbox.h"
#include "sessions.h"
#include "webhooks.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::sandbox {

namespace {

// Answers with `Access-Control-Allow-Origin: *`, so that a page on another origin (a merchant's
// development server) can use the stand-in too. The sandbox is loopback-only test tooling.
class CorsResponder final : public http::Responder
{
public:
    explicit CorsResponder(std::shared_ptr<http::Responder> inner)
        : m_inner(std::move(inner))
    {}
    void send(const http::Response &response) override
    {
        http::Response copy = response;
        m_inner->send(copy.withHeader("Access-Control-Allow-Origin", "*"));
    }
    void drop() override { m_inner->drop(); }
    void sendRaw(const QByteArray &bytes) override { m_inner->sendRaw(bytes); }
    bool isOpen() const override { return m_inner->isOpen(); }

private:
    std::shared_ptr<http::Responder> m_inner;
};

http::Response file(const QString &resource, const QByteArray &contentType)
{
    QFile f(resource);
    if (!f.open(QIODevice::ReadOnly))
        return http::Response::json(
            404, ApiError::invalid(u"No such sandbox file: %1"_s.arg(resource)).toJson());
    http::Response r;
    r.body = f.readAll();
    r.contentType = contentType;
    r.withHeader("Cache-Control", "no-store");
    return r;
}

QByteArray contentTypeOf(const QString &name)
{
    if (name.endsWith(u".html"))
        return "text/html; charset=utf-8";
    if (name.endsWith(u".js"))
        return "text/javascript; charset=utf-8";
    if (name.endsWith(u".css"))
        return "text/css; charset=utf-8";
    if (name.endsWith(u".svg"))
        return "image/svg+xml";
    return "application/octet-stream";
}

// A JSON value as a JavaScript literal that is safe inside a <script> (no "</script>").
QByteArray jsLiteral(const QJsonValue &value)
{
    return json::write(value, json::Style::Compact).trimmed().replace("</", "<\\/");
}

} // namespace

void Sandbox::setStorefrontService(const QUrl &url)
{
    m_storefrontService = url;
}

QString Sandbox::sessionIdForClientSecret(const QString &clientSecret) const
{
    const qsizetype at = clientSecret.indexOf(u"_secret_"_s);
    if (at <= 0)
        return {};
    const QString id = clientSecret.left(at);
    const auto it = m_state.sessions.constFind(id);
    if (it == m_state.sessions.constEnd() || it->uiMode == u"hosted")
        return {};
    // The secret as the session shows it (sessions::render), compared whole.
    const QString expected = sessions::render(m_state, *it, {}).value(u"client_secret").toString();
    return expected == clientSecret ? id : QString();
}

void Sandbox::routeStorefront()
{
    m_server.route("GET", u"/_sandbox/stripe.js"_s,
                   [](const http::Request &, std::shared_ptr<http::Responder> responder) {
                       CorsResponder(responder).send(
                           file(u":/sandbox/stripe-js/stripe.js"_s, contentTypeOf(u".js"_s)));
                   });
    m_server.route(
        "GET", u"/_sandbox/storefront/*"_s,
        [this](const http::Request &r, std::shared_ptr<http::Responder> responder) {
            QString name = r.pathParams.value(0);
            if (name.isEmpty() && !r.path.endsWith(u'/')) {
                // Relative links need the directory form.
                http::Response moved;
                moved.status = 301;
                moved.contentType = "text/plain; charset=utf-8";
                moved.body = "Moved to /_sandbox/storefront/\n";
                return responder->send(moved.withHeader("Location", "/_sandbox/storefront/"));
            }
            if (name.isEmpty())
                name = u"index.html"_s;
            if (name == u"config.js") {
                http::Response config;
                config.body = storefrontConfig();
                config.contentType = contentTypeOf(name);
                return responder->send(config.withHeader("Cache-Control", "no-store"));
            }
            static const QRegularExpression plain(u"^[a-z0-9-]+\\.[a-z]+$"_s);
            if (!plain.match(name).hasMatch())
                return responder->send(http::Response::json(
                    404, ApiError::invalid(u"No such storefront file: %1"_s.arg(name)).toJson()));
            responder->send(file(u":/storefront/"_s + name, contentTypeOf(name)));
        });
    // The stand-in's view of a session, found by its client secret as Stripe.js finds it.
    const auto stripeJs = [this](const http::Request &r, std::shared_ptr<http::Responder> inner) {
        const auto responder = std::make_shared<CorsResponder>(inner);
        const QString secret = r.pathParams.value(0);
        const QString id = sessionIdForClientSecret(secret);
        if (id.isEmpty())
            return responder->send(http::Response::json(
                404, ApiError::invalid(u"No Checkout Session has this client secret."_s, {},
                                       u"resource_missing"_s)
                         .toJson()));
        const QString action = r.pathParams.value(1);
        if (!action.isEmpty())
            changed();
        Session &s = m_state.sessions[id];
        if (action == u"line_items") {
            QJsonObject params = r.body.trimmed().startsWith('{')
                                     ? QJsonDocument::fromJson(r.body).object()
                                     : QJsonObject();
            if (params.isEmpty()) {
                const QUrlQuery form(QString::fromUtf8(r.body));
                for (const auto &[k, v] : form.queryItems(QUrl::FullyDecoded))
                    params.insert(k, v);
            }
            const QString lineItem = params.value(u"line_item").toString();
            const qint64 quantity = params.value(u"quantity").isString()
                                        ? params.value(u"quantity").toString().toLongLong()
                                        : params.value(u"quantity").toInteger();
            const auto item = std::find_if(s.items.begin(), s.items.end(),
                                           [&](const SessionItem &i) { return i.id == lineItem; });
            if (s.status != u"open")
                return responder->send(http::Response::json(
                    400, ApiError::invalid(u"Checkout Session %1 is %2: only open sessions "
                                           u"change."_s.arg(id, s.status))
                             .toJson()));
            if (item == s.items.end())
                return responder->send(http::Response::json(
                    400, ApiError::invalid(u"No line item %1 in this session."_s.arg(lineItem),
                                           u"line_item"_s)
                             .toJson()));
            if (quantity < 1 || quantity > 999'999)
                return responder->send(http::Response::json(
                    400, ApiError::invalid(u"The quantity must be between 1 and 999999."_s,
                                           u"quantity"_s)
                             .toJson()));
            item->quantity = quantity;
        } else if (action == u"shipping_address") {
            // The customer's address, as the sandbox's /shipping helper sets it.
            http::Request forwarded = r;
            forwarded.path = u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id);
            return handleHelper(forwarded, responder);
        } else if (!action.isEmpty()) {
            return responder->send(http::Response::json(
                404, ApiError::invalid(u"Unknown stand-in action: %1"_s.arg(action)).toJson()));
        }
        sessions::Expand expand;
        expand.lineItems = expand.product = expand.discounts = expand.coupon = true;
        expand.breakdown = true;
        responder->send(http::Response::json(200, sessions::render(m_state, s, expand)));
    };
    m_server.route("GET", u"/_sandbox/stripe-js/sessions/{secret}"_s, stripeJs);
    m_server.route("POST", u"/_sandbox/stripe-js/sessions/{secret}/{action}"_s, stripeJs);

    // Webhook events: the list, one event, and redelivery.
    m_server.route("GET", u"/_sandbox/events"_s,
                   [this](const http::Request &, std::shared_ptr<http::Responder> responder) {
                       responder->send(http::Response::json(200, m_webhooks->events()));
                   });
    m_server.route(
        "GET", u"/_sandbox/events/{id}"_s,
        [this](const http::Request &r, std::shared_ptr<http::Responder> responder) {
            const QJsonObject event = m_webhooks->event(r.pathParams.value(0));
            responder->send(
                event.isEmpty()
                    ? http::Response::json(
                          404, ApiError::notFound(u"event"_s, r.pathParams.value(0)).toJson())
                    : http::Response::json(200, event));
        });
    m_server.route(
        "POST", u"/_sandbox/events/{id}/redeliver"_s,
        [this](const http::Request &r, std::shared_ptr<http::Responder> responder) {
            const QString id = r.pathParams.value(0);
            if (m_webhooks->event(id).isEmpty())
                return responder->send(
                    http::Response::json(404, ApiError::notFound(u"event"_s, id).toJson()));
            if (!m_webhooks->isConfigured())
                return responder->send(http::Response::json(
                    400, ApiError::invalid(u"No webhook endpoint is configured: start the sandbox "
                                           u"with --webhook-url and --webhook-secret, or POST "
                                           u"/_sandbox/webhook."_s)
                             .toJson()));
            // Answer once this delivery is done, with its outcome.
            auto *waiter = new QObject(this);
            connect(m_webhooks, &Webhooks::delivered, waiter,
                    [this, waiter, responder, id](const QString &eventId, int status) {
                        if (eventId != id)
                            return;
                        waiter->deleteLater();
                        const QJsonArray all = m_webhooks->deliveries().value(u"data").toArray();
                        QJsonObject last;
                        for (qsizetype i = all.size() - 1; i >= 0 && last.isEmpty(); --i)
                            if (all.at(i).toObject().value(u"event").toString() == id)
                                last = all.at(i).toObject();
                        last.insert(u"status"_s, status);
                        responder->send(http::Response::json(200, last));
                    });
            m_webhooks->redeliver(id);
        });
}

QByteArray Sandbox::storefrontConfig() const
{
    // Open sessions that take server-side discounts, newest first: the page's choices.
    QList<const Session *> open;
    for (const Session &s : m_state.sessions)
        if (s.status == u"open" && s.uiMode != u"hosted")
            open.append(&s);
    std::sort(open.begin(), open.end(), [](const Session *a, const Session *b) {
        return a->created != b->created ? a->created > b->created : a->seq > b->seq;
    });
    QJsonObject secrets;
    QString fallback;
    for (const Session *s : std::as_const(open)) {
        const QString secret = sessions::render(m_state, *s, {}).value(u"client_secret").toString();
        secrets.insert(s->id, secret);
        if (fallback.isEmpty() && s->updateDiscounts == u"server_only")
            fallback = secret;
    }
    const QString service = m_storefrontService.isValid() ? m_storefrontService.toString() : u""_s;
    return "// Generated by remise-sandbox for the demo (docs/storefront.md): the stand-in for\n"
           "// Stripe.js, a session (?session=cs_test_… or ?client_secret=…, default: the newest\n"
           "// open one) and the discount service (?service=URL, default: --storefront-service).\n"
           "(() => {\n"
           "  const query = new URLSearchParams(location.search);\n"
           "  const secrets = " +
           jsLiteral(secrets) +
           ";\n"
           "  window.storefrontConfig = {\n"
           "    demo: true,\n"
           "    stripeJsUrl: '/_sandbox/stripe.js',\n"
           "    publishableKey: 'pk_test_remiseSandbox',\n"
           "    clientSecret: query.get('client_secret') || secrets[query.get('session')] || " +
           jsLiteral(fallback) +
           ",\n"
           "    serviceUrl: query.get('service') || " +
           jsLiteral(service) +
           ",\n"
           "  };\n"
           "})();\n";
}

} // namespace remise::sandbox
