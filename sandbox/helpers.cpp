// The sandbox's test helpers under /_sandbox: JSON (or form) in, JSON out, no authentication.
// They do what a customer or Stripe itself would do (pay, enter an address) and let tests see
// and steer the sandbox (request log, faults, webhooks).

#include "formcodec.h"
#include "sandbox.h"
#include "sessions.h"
#include "webhooks.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace remise::sandbox {

namespace {

// A helper's parameters: a JSON object, or a form body; nullopt with a message when neither.
std::expected<QJsonObject, QString> helperParams(const http::Request &request)
{
    const QByteArray trimmed = request.body.trimmed();
    if (trimmed.isEmpty())
        return QJsonObject();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
        if (error.error != QJsonParseError::NoError)
            return std::unexpected(
                u"the body is not valid JSON: %1 at offset %2"_s.arg(error.errorString())
                    .arg(error.offset));
        if (!document.isObject())
            return std::unexpected(u"the body must be a JSON object"_s);
        return document.object();
    }
    const auto decoded = form::decode(trimmed);
    if (!decoded)
        return std::unexpected(
            u"the body is neither JSON nor a valid form: %1"_s.arg(decoded.error().describe()));
    return *decoded;
}

QString text(const QJsonObject &params, const char16_t *key, const QString &fallback = {})
{
    const QJsonValue v = params.value(key);
    return v.isString() ? v.toString() : fallback;
}

} // namespace

void Sandbox::handleHelper(const http::Request &request, std::shared_ptr<http::Responder> responder)
{
    const QStringList parts = request.path.split(u'/', Qt::SkipEmptyParts).mid(1);
    const QByteArray method = request.methodName;
    const auto send = [&](int status, const QJsonObject &object) {
        responder->send(http::Response::json(status, object));
    };
    const auto bad = [&](const QString &message) {
        send(400, ApiError::invalid(message).toJson());
    };
    if (method != "GET")
        changed(); // a helper may change objects the kept GET answers show
    const auto parsed = helperParams(request);
    if (!parsed)
        return bad(parsed.error());
    const QJsonObject &body = *parsed;

    if (parts == QStringList{u"health"_s} && method == "GET")
        return send(200, {{u"ok"_s, true}});
    if (parts == QStringList{u"requests"_s} && method != "POST") {
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
        if (body.contains(u"faults"_s)) {
            if (!body.value(u"faults").isArray())
                return bad(u"\"faults\" must be an array of fault objects"_s);
            list = body.value(u"faults").toArray();
        } else {
            list.append(body);
        }
        QList<Fault> faults;
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!list.at(i).isObject())
                return bad(u"fault %1: must be an object"_s.arg(i));
            auto fault = Fault::fromJson(list.at(i).toObject(), m_faults.nextId());
            if (!fault)
                return bad(u"fault %1: %2"_s.arg(i).arg(fault.error()));
            faults.append(*fault);
        }
        for (const Fault &f : std::as_const(faults))
            m_faults.add(f);
        return send(200, m_faults.toJson());
    }
    if (parts == QStringList{u"webhook"_s} && method == "POST") {
        const QUrl url(text(body, u"url"), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
            return bad(u"\"url\" must be the http(s) URL of the webhook endpoint"_s);
        if (text(body, u"secret").isEmpty())
            return bad(u"\"secret\" must be the endpoint's signing secret (whsec_…)"_s);
        m_webhooks->configure(url, text(body, u"secret").toUtf8());
        return send(200, m_webhooks->configuration());
    }
    if (parts == QStringList{u"webhook"_s} && method == "GET")
        return send(200, m_webhooks->configuration());
    if (parts == QStringList{u"webhooks"_s} && method == "GET")
        return send(200, m_webhooks->deliveries());
    if (parts.size() == 4 && parts.at(0) == u"checkout" && parts.at(1) == u"sessions" &&
        method == "POST") {
        const QString id = parts.at(2);
        const QString action = parts.at(3);
        if (!m_state.sessions.contains(id))
            return send(404, ApiError::notFound(u"checkout.session"_s, id).toJson());
        if (action == u"complete") {
            const Reply r = completeSession(id);
            return send(r.status, r.body);
        }
        if (action == u"shipping" || action == u"details") {
            Session &s = m_state.sessions[id];
            if (s.status != u"open")
                return bad(u"Checkout Session %1 is %2: only open sessions take an address."_s.arg(
                    id, s.status));
            const QString country = text(body, u"country").toUpper();
            const bool needsCountry = action == u"shipping" || !country.isEmpty();
            if (needsCountry &&
                (country.size() != 2 || !country.at(0).isLetter() || !country.at(1).isLetter()))
                return bad(u"\"country\" must be an ISO 3166-1 alpha-2 code such as \"BE\""_s);
            QJsonObject addr = sessions::address(country, text(body, u"city"), text(body, u"line1"),
                                                 text(body, u"postal_code"), text(body, u"state"));
            if (!text(body, u"line2").isEmpty())
                addr.insert(u"line2"_s, text(body, u"line2"));
            if (action == u"shipping") {
                const QString fallbackName =
                    s.customerDetails.toObject().value(u"name").toString(u"Customer"_s);
                s.shippingDetails = QJsonObject{{u"address"_s, addr},
                                                {u"name"_s, text(body, u"name", fallbackName)}};
            } else {
                const QJsonObject previous = s.customerDetails.toObject();
                QJsonObject details = sessions::customerDetails(
                    text(body, u"email", previous.value(u"email").toString()),
                    text(body, u"name", previous.value(u"name").toString()),
                    country.isEmpty() ? previous.value(u"address").toObject() : addr);
                details.insert(u"phone"_s, body.contains(u"phone"_s)
                                               ? QJsonValue(text(body, u"phone"))
                                               : previous.value(u"phone"));
                s.customerDetails = details;
            }
            return send(200, sessions::render(m_state, s, {}));
        }
    }
    send(404, ApiError::invalid(u"Unknown sandbox helper: %1 %2. See docs/sandbox.md."_s.arg(
                                    QString::fromLatin1(method), request.path))
                  .toJson());
}

Reply Sandbox::completeSession(const QString &id)
{
    Session &s = m_state.sessions[id];
    if (s.status != u"open")
        return Reply::error(ApiError::invalid(
            u"Only open Checkout Sessions can be completed; %1 is %2."_s.arg(id, s.status), {},
            u"checkout_session_not_open"_s));
    s.status = u"complete"_s;
    const qint64 total = sessions::totals(m_state, s).total;
    s.paymentStatus = s.mode == u"setup" || total == 0 ? u"no_payment_required"_s : u"paid"_s;
    if (s.mode == u"payment")
        s.paymentIntent = m_state.newId(u"pi"_s, 24);
    if (s.customerDetails.isNull())
        s.customerDetails = sessions::customerDetails(s.customerEmail, {}, {});
    const QJsonObject object = sessions::render(m_state, s, {});
    m_webhooks->send(u"checkout.session.completed"_s, object, newEventId());
    return Reply::ok(object);
}

} // namespace remise::sandbox
