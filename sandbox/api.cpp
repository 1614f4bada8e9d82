// The /v1 resources of the sandbox: customers, products, prices, coupons, Checkout Sessions.

#include "objects.h"
#include "sandbox.h"
#include "sessions.h"
#include "webhooks.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::sandbox {

namespace {

Reply made(const Made &result)
{
    return result ? Reply::ok(*result) : Reply::error(result.error());
}

// Stripe's list envelope over ids ordered newest first.
Reply paginate(const QStringList &ids, Params &params, const QString &url,
               const std::function<QJsonObject(const QString &)> &render, const QString &objectName)
{
    const qint64 limit = params.integer(u"limit"_s, false, 1, 100).value_or(10);
    const QString after = params.string(u"starting_after"_s);
    const QString before = params.string(u"ending_before"_s);
    if (!params.ok())
        return Reply::error(params.error());
    if (!after.isEmpty() && !before.isEmpty())
        return Reply::error(ApiError::invalid(
            u"You may only specify one of these parameters: ending_before, starting_after."_s,
            u"ending_before"_s));
    qsizetype begin = 0;
    qsizetype end = ids.size();
    if (!after.isEmpty()) {
        const qsizetype at = ids.indexOf(after);
        if (at < 0)
            return Reply::error(ApiError::notFound(objectName, after, u"starting_after"_s));
        begin = at + 1;
    }
    if (!before.isEmpty()) {
        const qsizetype at = ids.indexOf(before);
        if (at < 0)
            return Reply::error(ApiError::notFound(objectName, before, u"ending_before"_s));
        end = at;
        begin = std::max<qsizetype>(0, end - limit);
    }
    QJsonArray data;
    for (qsizetype i = begin; i < end && data.size() < limit; ++i)
        data.append(render(ids.at(i)));
    const bool hasMore = !before.isEmpty() ? begin > 0 : begin + data.size() < end;
    return Reply::ok(
        {{u"object"_s, u"list"_s}, {u"data"_s, data}, {u"has_more"_s, hasMore}, {u"url"_s, url}});
}

bool createdMatches(Params &params, qint64 created)
{
    const QJsonValue filter = params.raw().value(u"created");
    if (filter.isString())
        return created == filter.toString().toLongLong();
    const QJsonObject range = filter.toObject();
    const auto bound = [&](const char16_t *key) {
        return range.contains(key) ? std::optional(range.value(key).toString().toLongLong())
                                   : std::nullopt;
    };
    if (auto gt = bound(u"gt"); gt && !(created > *gt))
        return false;
    if (auto gte = bound(u"gte"); gte && !(created >= *gte))
        return false;
    if (auto lt = bound(u"lt"); lt && !(created < *lt))
        return false;
    if (auto lte = bound(u"lte"); lte && !(created <= *lte))
        return false;
    return true;
}

} // namespace

Reply Sandbox::dispatch(const Call &call)
{
    const QString resource = call.segments.value(0);
    if (resource == u"customers")
        return customers(call);
    if (resource == u"products" || resource == u"prices")
        return catalogue(call);
    if (resource == u"coupons")
        return coupons(call);
    if (resource == u"checkout" && call.segments.value(1) == u"sessions")
        return checkout(call);
    return unrecognized(call);
}

Reply Sandbox::unrecognized(const Call &call) const
{
    return Reply::error(ApiError{
        404,
        u"invalid_request_error"_s,
        {},
        u"Unrecognized request URL (%1: %2). The sandbox serves customers, products, prices, coupons and checkout/sessions."_s
            .arg(QString::fromLatin1(call.method), call.path),
        {}});
}

Reply Sandbox::customers(const Call &call)
{
    Params params(call.params);
    const qint64 now = nowSeconds();
    const QStringList &s = call.segments;
    if (s.size() == 1 && call.method == "POST")
        return made(objects::createCustomer(m_state, params, now));
    if (s.size() == 1 && call.method == "GET") {
        params.allow(
            {u"email"_s, u"limit"_s, u"starting_after"_s, u"ending_before"_s, u"expand"_s});
        const QString email = params.string(u"email"_s);
        QStringList ids;
        for (auto it = m_state.customerOrder.crbegin(); it != m_state.customerOrder.crend(); ++it)
            if (m_state.customers.contains(*it) &&
                (email.isEmpty() ||
                 m_state.customers.value(*it).value(u"email").toString() == email))
                ids.append(*it);
        return paginate(
            ids, params, u"/v1/customers"_s,
            [this](const QString &id) { return m_state.customers.value(id); }, u"customer"_s);
    }
    if (s.size() == 2) {
        const QString id = s.at(1);
        if (!m_state.customers.contains(id))
            return Reply::error(ApiError::notFound(u"customer"_s, id));
        if (call.method == "GET") {
            params.allow({u"expand"_s});
            return params.ok() ? Reply::ok(m_state.customers.value(id))
                               : Reply::error(params.error());
        }
        if (call.method == "POST")
            return made(objects::updateCustomer(m_state, id, params));
        if (call.method == "DELETE") {
            m_state.customers.remove(id);
            return Reply::ok({{u"id"_s, id}, {u"object"_s, u"customer"_s}, {u"deleted"_s, true}});
        }
    }
    return unrecognized(call);
}

Reply Sandbox::catalogue(const Call &call)
{
    Params params(call.params);
    const bool products = call.segments.value(0) == u"products";
    const auto &table = products ? m_state.products : m_state.prices;
    if (call.segments.size() == 1 && call.method == "POST")
        return made(products ? objects::createProduct(m_state, params, nowSeconds())
                             : objects::createPrice(m_state, params, nowSeconds()));
    if (call.segments.size() == 2 && call.method == "GET") {
        const QString id = call.segments.at(1);
        params.allow({u"expand"_s});
        if (!table.contains(id))
            return Reply::error(ApiError::notFound(products ? u"product"_s : u"price"_s, id));
        return Reply::ok(table.value(id));
    }
    return unrecognized(call);
}

Reply Sandbox::coupons(const Call &call)
{
    Params params(call.params);
    const QStringList &s = call.segments;
    if (s.size() == 1 && call.method == "POST")
        return made(objects::createCoupon(m_state, params, nowSeconds()));
    if (s.size() == 1 && call.method == "GET") {
        params.allow({u"limit"_s, u"starting_after"_s, u"ending_before"_s, u"expand"_s});
        QStringList ids;
        for (auto it = m_state.couponOrder.crbegin(); it != m_state.couponOrder.crend(); ++it)
            if (m_state.coupons.contains(*it))
                ids.append(*it);
        return paginate(
            ids, params, u"/v1/coupons"_s,
            [this](const QString &id) { return m_state.coupons.value(id); }, u"coupon"_s);
    }
    if (s.size() == 2) {
        const QString id = s.at(1);
        if (!m_state.coupons.contains(id))
            return Reply::error(ApiError::notFound(u"coupon"_s, id));
        if (call.method == "GET")
            return Reply::ok(m_state.coupons.value(id));
        if (call.method == "DELETE") {
            m_state.coupons.remove(id);
            return Reply::ok({{u"id"_s, id}, {u"object"_s, u"coupon"_s}, {u"deleted"_s, true}});
        }
    }
    return unrecognized(call);
}

Reply Sandbox::listSessions(const Call &call)
{
    Params params(call.params);
    params.allow({u"status"_s, u"customer"_s, u"customer_details"_s, u"created"_s, u"limit"_s,
                  u"starting_after"_s, u"ending_before"_s, u"expand"_s, u"payment_intent"_s});
    const QString status = params.oneOf(u"status"_s, {u"open"_s, u"complete"_s, u"expired"_s});
    const QString customer = params.string(u"customer"_s);
    QString email;
    if (auto details = params.object(u"customer_details"_s)) {
        details->allow({u"email"_s});
        email = details->string(u"email"_s, true);
        params.take(*details);
    }
    const auto expand = sessions::parseExpand(expandList(call.params), true);
    if (!expand)
        return Reply::error(expand.error());
    if (!params.ok())
        return Reply::error(params.error());
    QList<const Session *> matching;
    for (const Session &s : std::as_const(m_state.sessions)) {
        if (!status.isEmpty() && s.status != status)
            continue;
        if (!customer.isEmpty() && s.customer != customer)
            continue;
        if (!email.isEmpty() && s.customerDetails.toObject().value(u"email").toString().compare(
                                    email, Qt::CaseInsensitive) != 0)
            continue;
        if (params.has(u"created"_s) && !createdMatches(params, s.created))
            continue;
        matching.append(&s);
    }
    std::sort(matching.begin(), matching.end(), [](const Session *a, const Session *b) {
        return a->created != b->created ? a->created > b->created : a->seq > b->seq;
    });
    QStringList ids;
    for (const Session *s : std::as_const(matching))
        ids.append(s->id);
    const sessions::Expand e = *expand;
    return paginate(
        ids, params, u"/v1/checkout/sessions"_s,
        [this, e](const QString &id) {
            return sessions::render(m_state, m_state.sessions.value(id), e);
        },
        u"checkout.session"_s);
}

Reply Sandbox::checkout(const Call &call)
{
    const QStringList &s = call.segments; // checkout, sessions, {id}, {action}
    const bool preview = sessions::isPreviewVersion(call.stripeVersion);
    const qint64 now = nowSeconds();
    Params params(call.params);
    if (s.size() == 2 && call.method == "GET")
        return listSessions(call);
    if (s.size() == 2 && call.method == "POST") {
        const auto expand = sessions::parseExpand(expandList(call.params), false);
        if (!expand)
            return Reply::error(expand.error());
        auto created = sessions::create(m_state, params, now, preview);
        if (!created)
            return Reply::error(created.error());
        m_state.sessions.insert(created->id, *created);
        return Reply::ok(sessions::render(m_state, *created, *expand));
    }
    if (s.size() < 3)
        return unrecognized(call);
    const QString id = s.at(2);
    if (!m_state.sessions.contains(id))
        return Reply::error(ApiError::notFound(u"checkout.session"_s, id));
    Session &session = m_state.sessions[id];

    if (s.size() == 3 && call.method == "GET") {
        params.allow({u"expand"_s});
        const auto expand = sessions::parseExpand(expandList(call.params), false);
        if (!expand)
            return Reply::error(expand.error());
        return params.ok() ? Reply::ok(sessions::render(m_state, session, *expand))
                           : Reply::error(params.error());
    }
    if (s.size() == 3 && call.method == "POST") {
        const auto expand = sessions::parseExpand(expandList(call.params), false);
        if (!expand)
            return Reply::error(expand.error());
        Session changed = session; // all or nothing
        if (auto error = sessions::update(m_state, changed, params, now, preview))
            return Reply::error(*error);
        session = changed;
        return Reply::ok(sessions::render(m_state, session, *expand));
    }
    if (s.size() == 4 && s.at(3) == u"expire" && call.method == "POST") {
        params.allow({u"expand"_s});
        if (!params.ok())
            return Reply::error(params.error());
        if (session.status != u"open")
            return Reply::error(ApiError::invalid(
                u"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"%1\"."_s
                    .arg(session.status),
                {}, u"checkout_session_not_open"_s));
        session.status = u"expired"_s;
        const QJsonObject object = sessions::render(m_state, session, {});
        m_webhooks->send(u"checkout.session.expired"_s, object, newEventId(), call.requestId,
                         call.idempotencyKey);
        return Reply::ok(object);
    }
    if (s.size() == 4 && s.at(3) == u"line_items" && call.method == "GET") {
        params.allow({u"limit"_s, u"starting_after"_s, u"ending_before"_s, u"expand"_s});
        const sessions::Totals totals = sessions::totals(m_state, session);
        QStringList ids;
        for (const SessionItem &item : std::as_const(session.items))
            ids.append(item.id);
        bool expandProduct = false;
        for (const QString &path : expandList(call.params)) {
            if (path == u"data.price.product")
                expandProduct = true;
            else if (path != u"data.price")
                return Reply::error(ApiError::invalid(
                    path.startsWith(u"data."_s)
                        ? u"This property cannot be expanded (%1)."_s.arg(path)
                        : u"This property cannot be expanded (%1). You may want to try expanding 'data.%1' instead."_s
                              .arg(path),
                    u"expand"_s));
        }
        return paginate(
            ids, params, u"/v1/checkout/sessions/%1/line_items"_s.arg(id),
            [this, &session, &totals, &ids, expandProduct](const QString &itemId) {
                return sessions::renderLineItem(m_state, session, ids.indexOf(itemId), totals,
                                                expandProduct);
            },
            u"line item"_s);
    }
    return unrecognized(call);
}

} // namespace remise::sandbox
