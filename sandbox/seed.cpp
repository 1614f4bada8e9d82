// Seeding: `remise-sandbox --seed demo` loads seed/demo.json (compiled in as a resource), a small
// homeware shop with customers in several countries and currencies and Checkout Sessions in
// every state. Deterministic: the same ids and amounts every time; only timestamps follow the
// clock. The data is in the JSON file; this file only turns it into sandbox objects.

#include "checker.h"
#include "clock.h"
#include "json.h"
#include "objects.h"
#include "sandbox.h"
#include "sessions.h"

#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::sandbox {

namespace {

using Need = json::Checker::Need;

QString priceId(const QString &key, const QString &currency)
{
    return currency == u"eur" ? u"price_demo_"_s + key : u"price_demo_%1_%2"_s.arg(key, currency);
}

// {line1, line2, city, postal_code, state, country} as a Stripe address.
QJsonObject readAddress(json::Checker &check, const QJsonObject &parent, const QString &path,
                        const QString &key)
{
    const auto object = check.object(parent, path, key, Need::Required);
    if (!object)
        return {};
    const QString at = json::at(path, key);
    check.onlyKeys(
        *object, at,
        {u"name"_s, u"line1"_s, u"line2"_s, u"city"_s, u"postal_code"_s, u"state"_s, u"country"_s});
    const QString country = check.string(*object, at, u"country"_s, Need::Required).value_or(u""_s);
    if (!country.isEmpty() && (country.size() != 2 || country != country.toUpper()))
        check.error(json::at(at, u"country"),
                    u"must be an ISO 3166-1 alpha-2 code such as \"BE\""_s);
    const auto text = [&](const QString &k) {
        return check.string(*object, at, k, Need::Optional).value_or(QString());
    };
    QJsonObject address = sessions::address(country, text(u"city"_s), text(u"line1"_s),
                                            text(u"postal_code"_s), text(u"state"_s));
    if (!text(u"line2"_s).isEmpty())
        address.insert(u"line2"_s, text(u"line2"_s));
    return address;
}

} // namespace

Status Sandbox::seedDemo()
{
    QFile file(u":/sandbox/seed/demo.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return fail(errc::io,
                    u"the demo seed is missing from the build (%1)"_s.arg(file.fileName()));
    const auto data = json::parseObject(file.readAll(), u"the demo seed"_s);
    if (!data)
        return fail(data.error());
    return seed(*data);
}

Status Sandbox::seed(const QJsonObject &data)
{
    changed();
    json::Checker check;
    const qint64 now = nowSeconds();
    const QString root = u"$"_s;
    check.onlyKeys(data, root, {u"comment"_s, u"products"_s, u"customers"_s, u"sessions"_s});

    // Products, each with one price per currency it is sold in.
    const QJsonArray products =
        check.array(data, root, u"products"_s, Need::Required).value_or(QJsonArray());
    for (qsizetype i = 0; i < products.size(); ++i) {
        const QString path = json::at(json::at(root, u"products"), i);
        const QJsonObject p = products.at(i).toObject();
        check.onlyKeys(p, path, {u"key"_s, u"name"_s, u"prices"_s});
        const QString key = check.string(p, path, u"key"_s, Need::Required).value_or(QString());
        const QString name = check.string(p, path, u"name"_s, Need::Required).value_or(QString());
        const QJsonObject prices =
            check.object(p, path, u"prices"_s, Need::Required).value_or(QJsonObject());
        if (key.isEmpty() || name.isEmpty())
            continue;
        objects::createProduct(m_state, name, u"prod_demo_"_s + key, {}, now - 30 * 86400);
        for (auto it = prices.begin(); it != prices.end(); ++it) {
            const auto amount = check.integerValue(
                it.value(), json::at(json::at(path, u"prices"), it.key()), 0, 99'999'999);
            if (!objects::isCurrency(it.key()))
                check.error(json::at(json::at(path, u"prices"), it.key()),
                            u"is not a lowercase currency code"_s);
            else if (amount)
                objects::createPrice(m_state, it.key(), *amount, u"prod_demo_"_s + key,
                                     priceId(key, it.key()), now - 30 * 86400);
        }
    }

    // Customers with their loyalty tier in metadata, as the shop's CRM would put it there.
    const QJsonArray customers =
        check.array(data, root, u"customers"_s, Need::Required).value_or(QJsonArray());
    for (qsizetype i = 0; i < customers.size(); ++i) {
        const QString path = json::at(json::at(root, u"customers"), i);
        const QJsonObject c = customers.at(i).toObject();
        check.onlyKeys(c, path, {u"id"_s, u"email"_s, u"name"_s, u"loyalty_tier"_s, u"address"_s});
        objects::Customer customer;
        customer.id = check.string(c, path, u"id"_s, Need::Required).value_or(QString());
        customer.email = check.string(c, path, u"email"_s, Need::Required).value_or(QString());
        customer.name = check.string(c, path, u"name"_s, Need::Required).value_or(QString());
        const QString tier =
            check.string(c, path, u"loyalty_tier"_s, Need::Optional).value_or(QString());
        if (!tier.isEmpty())
            customer.metadata.insert(u"loyalty_tier"_s, tier);
        customer.address = readAddress(check, c, path, u"address"_s);
        if (!customer.id.startsWith(u"cus_"_s))
            check.error(json::at(path, u"id"), u"must start with cus_"_s);
        else
            objects::insertCustomer(m_state, customer, now - 200 * 86400);
    }

    // Sessions, listed newest first; created oldest first so that ties break the same way as
    // for sessions made through the API.
    const QJsonArray rows =
        check.array(data, root, u"sessions"_s, Need::Required).value_or(QJsonArray());
    QList<Session> made;
    int lineNumber = 0;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString path = json::at(json::at(root, u"sessions"), i);
        const QJsonObject row = rows.at(i).toObject();
        check.onlyKeys(row, path,
                       {u"id"_s, u"minutes_ago"_s, u"customer"_s, u"guest"_s, u"currency"_s,
                        u"items"_s, u"status"_s, u"update_discounts"_s, u"metadata"_s,
                        u"ship_to"_s});
        Session s;
        s.id = check.string(row, path, u"id"_s, Need::Required).value_or(QString());
        if (!s.id.startsWith(u"cs_test_"_s))
            check.error(json::at(path, u"id"), u"must start with cs_test_"_s);
        const qint64 minutesAgo =
            check.integer(row, path, u"minutes_ago"_s, Need::Required, 0, 60 * 24 * 365)
                .value_or(0);
        s.created = now - minutesAgo * 60;
        s.expiresAt = s.created + 86400;
        s.currency = check.string(row, path, u"currency"_s, Need::Required).value_or(QString());
        s.uiMode = u"custom"_s;
        s.returnUrl = u"https://shop.example/checkout/return?session_id={CHECKOUT_SESSION_ID}"_s;
        s.status = check.string(row, path, u"status"_s, Need::Required).value_or(u"open"_s);
        if (!QStringList{u"open"_s, u"complete"_s, u"expired"_s}.contains(s.status))
            check.error(json::at(path, u"status"), u"must be open, complete or expired"_s);
        s.updateDiscounts =
            check.string(row, path, u"update_discounts"_s, Need::Optional).value_or(QString());
        s.metadata = check.object(row, path, u"metadata"_s, Need::Optional).value_or(QJsonObject());

        const QJsonArray items =
            check.array(row, path, u"items"_s, Need::Required).value_or(QJsonArray());
        for (qsizetype k = 0; k < items.size(); ++k) {
            const QString itemPath = json::at(json::at(path, u"items"), k);
            const QJsonArray pair = items.at(k).toArray();
            SessionItem item;
            item.id = u"li_demo_%1"_s.arg(++lineNumber);
            item.priceId = priceId(pair.at(0).toString(), s.currency);
            item.quantity = pair.at(1).toInteger();
            // Quantities are bounded as the API bounds them (1 to 999,999), and so are the
            // items per session (100), so that totals cannot overflow.
            if (pair.size() != 2 || !m_state.prices.contains(item.priceId) || item.quantity < 1 ||
                item.quantity > 999'999 || k >= 100)
                check.error(
                    itemPath,
                    u"must be [product key, quantity (1 to 999999)] for a product sold in %1, at most 100 per session"_s
                        .arg(s.currency));
            s.items.append(item);
        }

        // Who: a customer (with the billing address on file) or a guest who typed theirs in.
        QString email, name;
        QJsonObject billing;
        if (row.contains(u"customer"_s)) {
            s.customer = check.string(row, path, u"customer"_s, Need::Required).value_or(QString());
            const QJsonObject customer = m_state.customers.value(s.customer);
            if (customer.isEmpty())
                check.error(json::at(path, u"customer"), u"is not a customer of the seed"_s);
            email = customer.value(u"email").toString();
            name = customer.value(u"name").toString();
            billing = customer.value(u"address").toObject();
        } else if (const auto guest = check.object(row, path, u"guest"_s, Need::Required)) {
            const QString guestPath = json::at(path, u"guest");
            check.onlyKeys(*guest, guestPath, {u"email"_s, u"name"_s, u"address"_s});
            email = check.string(*guest, guestPath, u"email"_s, Need::Required).value_or(QString());
            name = check.string(*guest, guestPath, u"name"_s, Need::Required).value_or(QString());
            billing = readAddress(check, *guest, guestPath, u"address"_s);
            s.customerEmail = email;
        }
        s.customerDetails = sessions::customerDetails(email, name, billing);
        QJsonObject shipping = billing;
        QString shipName = name;
        if (row.contains(u"ship_to"_s)) {
            shipping = readAddress(check, row, path, u"ship_to"_s);
            shipName = row.value(u"ship_to").toObject().value(u"name").toString(name);
        }
        s.shippingDetails = QJsonObject{{u"address"_s, shipping}, {u"name"_s, shipName}};
        if (s.status == u"complete") {
            s.paymentStatus = u"paid"_s;
            s.paymentIntent = u"pi_demo_%1"_s.arg(s.id.section(u"demo"_s, -1));
        }
        made.append(s);
    }
    if (!check.ok())
        return fail(check.toError(u"the seed"_s));

    std::reverse(made.begin(), made.end());
    std::stable_sort(made.begin(), made.end(),
                     [](const Session &a, const Session &b) { return a.created < b.created; });
    for (Session &s : made) {
        s.seq = m_state.nextSeq();
        m_state.sessions.insert(s.id, s);
    }
    return {};
}

} // namespace remise::sandbox
