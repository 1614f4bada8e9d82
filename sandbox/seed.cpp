// The demo shop of `remise-sandbox --seed demo`: a small homeware shop with customers in six
// countries and four currencies, and Checkout Sessions in every state. Deterministic: the same
// ids and amounts every time; only timestamps follow the clock.

#include "clock.h"
#include "objects.h"
#include "sandbox.h"
#include "sessions.h"

using namespace Qt::StringLiterals;

namespace remise::sandbox {

namespace {

struct ProductRow
{
    const char16_t *key;
    const char16_t *name;
    qint64 eur, usd, gbp, jpy; // 0: not sold in that currency
};

// key, name, then prices in eur, usd, gbp, jpy
constexpr ProductRow kProducts[] = {
    {u"apron", u"Linen apron", 4500, 4900, 3900, 6500},
    {u"skillet", u"Cast-iron skillet", 9000, 9900, 7900, 13500},
    {u"knife", u"Chef's knife", 12000, 12900, 0, 18000},
    {u"board", u"Oak cutting board", 3500, 3900, 2900, 0},
    {u"mugs", u"Stoneware mug set", 2800, 0, 2400, 4200},
    {u"towels", u"Tea towels (set of 3)", 1900, 2100, 1600, 2800},
    {u"dutch-oven", u"Enamelled Dutch oven", 21000, 22900, 17900, 32000},
};

struct CustomerRow
{
    const char16_t *id;
    const char16_t *email;
    const char16_t *name;
    const char16_t *tier; // empty: none
    const char16_t *country;
    const char16_t *city;
    const char16_t *postalCode;
};

constexpr CustomerRow kCustomers[] = {
    {u"cus_demo_claire", u"claire.martin@example.org", u"Claire Martin", u"gold", u"BE",
     u"Bruxelles", u"1000"},
    {u"cus_demo_lucas", u"lucas.bernard@example.fr", u"Lucas Bernard", u"silver", u"FR", u"Lyon",
     u"69002"},
    {u"cus_demo_emma", u"emma.devries@example.nl", u"Emma de Vries", u"platinum", u"NL", u"Utrecht",
     u"3511"},
    {u"cus_demo_jonas", u"jonas.weber@example.de", u"Jonas Weber", u"bronze", u"DE", u"Köln",
     u"50667"},
    {u"cus_demo_sophie", u"sophie.leroy@example.fr", u"Sophie Leroy", u"gold", u"FR", u"Paris",
     u"75011"},
    {u"cus_demo_noah", u"noah.miller@example.com", u"Noah Miller", u"silver", u"US", u"Portland",
     u"97205"},
    {u"cus_demo_olivia", u"olivia.chen@example.com", u"Olivia Chen", u"platinum", u"US", u"Seattle",
     u"98101"},
    {u"cus_demo_harry", u"harry.wilson@example.co.uk", u"Harry Wilson", u"gold", u"GB", u"Leeds",
     u"LS1 4AP"},
    {u"cus_demo_amelia", u"amelia.jones@example.co.uk", u"Amelia Jones", u"bronze", u"GB",
     u"Bristol", u"BS1 5TR"},
    {u"cus_demo_yuki", u"yuki.tanaka@example.jp", u"Yuki Tanaka", u"gold", u"JP", u"Kyoto",
     u"604-8005"},
    {u"cus_demo_kenji", u"kenji.sato@example.jp", u"Kenji Sato", u"silver", u"JP", u"Osaka",
     u"530-0001"},
    {u"cus_demo_atelier", u"achats@atelier-dupont.fr", u"Atelier Dupont", u"", u"FR", u"Nantes",
     u"44000"},
    {u"cus_demo_studio", u"orders@studio-kline.com", u"Studio Kline", u"", u"US", u"Brooklyn",
     u"11201"},
    {u"cus_demo_lena", u"lena.janssens@example.be", u"Lena Janssens", u"silver", u"BE", u"Gent",
     u"9000"},
};

struct SessionRow
{
    const char16_t *customer; // a customer id, or an email for a guest
    const char16_t *currency;
    const char16_t *items;  // "apron:2 skillet:1"
    const char16_t *status; // open, complete, expired
    bool serverOnly;
    const char16_t *shipTo; // a country different from the customer's, or empty
};

constexpr SessionRow sessionRows[] = {
    {u"cus_demo_claire", u"eur", u"apron:2 skillet:1", u"open", true, u""},
    {u"cus_demo_lucas", u"eur", u"knife:1 board:1", u"open", true, u""},
    {u"cus_demo_emma", u"eur", u"dutch-oven:1 towels:2", u"open", true, u""},
    {u"cus_demo_jonas", u"eur", u"mugs:1", u"open", true, u""},
    {u"cus_demo_sophie", u"eur", u"skillet:1 apron:1 towels:1", u"open", true, u""},
    {u"cus_demo_noah", u"usd", u"knife:1", u"open", true, u""},
    {u"cus_demo_olivia", u"usd", u"dutch-oven:1 board:2", u"open", true, u""},
    {u"cus_demo_harry", u"gbp", u"skillet:1 mugs:1", u"open", true, u""},
    {u"cus_demo_amelia", u"gbp", u"towels:3", u"open", true, u""},
    {u"cus_demo_yuki", u"jpy", u"knife:1 apron:1", u"open", true, u""},
    {u"cus_demo_kenji", u"jpy", u"mugs:2", u"open", true, u""},
    {u"cus_demo_atelier", u"eur", u"apron:12 towels:10", u"open", true, u""},
    {u"cus_demo_studio", u"usd", u"apron:6 skillet:2", u"open", true, u""},
    {u"cus_demo_lena", u"eur", u"board:1 towels:1", u"open", true, u""},
    {u"cus_demo_claire", u"eur", u"towels:1", u"open", true, u"FR"},
    {u"guest.one@example.net", u"eur", u"skillet:1", u"open", true, u"NL"},
    {u"guest.two@example.net", u"usd", u"board:1 towels:1", u"open", true, u"US"},
    {u"cus_demo_emma", u"eur", u"knife:2", u"open", true, u"LU"},
    {u"cus_demo_lucas", u"eur", u"mugs:1", u"open", false, u""},
    {u"cus_demo_noah", u"usd", u"apron:1", u"open", false, u""},
    {u"cus_demo_sophie", u"eur", u"dutch-oven:1", u"open", true, u""},
    {u"cus_demo_harry", u"gbp", u"dutch-oven:1 apron:2", u"open", true, u""},
    {u"cus_demo_yuki", u"jpy", u"dutch-oven:1", u"open", true, u""},
    {u"cus_demo_jonas", u"eur", u"skillet:2", u"open", true, u"AT"},
    {u"cus_demo_claire", u"eur", u"knife:1", u"complete", true, u""},
    {u"cus_demo_emma", u"eur", u"board:2", u"complete", true, u""},
    {u"cus_demo_olivia", u"usd", u"skillet:1", u"complete", true, u""},
    {u"cus_demo_kenji", u"jpy", u"towels:2", u"complete", true, u""},
    {u"cus_demo_lucas", u"eur", u"apron:1", u"expired", true, u""},
    {u"cus_demo_amelia", u"gbp", u"mugs:1", u"expired", true, u""},
    {u"guest.three@example.net", u"eur", u"towels:1", u"expired", true, u"DE"},
    {u"cus_demo_lena", u"eur", u"dutch-oven:1 knife:1", u"open", true, u""},
};

QString priceId(const QString &key, const QString &currency)
{
    return currency == u"eur" ? u"price_demo_"_s + key : u"price_demo_%1_%2"_s.arg(key, currency);
}

} // namespace

void Sandbox::seedDemo()
{
    const qint64 now = nowSeconds();
    for (const ProductRow &p : kProducts) {
        const QString key = QString::fromUtf16(p.key);
        objects::createProduct(m_state, QString::fromUtf16(p.name), u"prod_demo_"_s + key, {},
                               now - 86400 * 30);
        const std::pair<const char16_t *, qint64> prices[] = {
            {u"eur", p.eur}, {u"usd", p.usd}, {u"gbp", p.gbp}, {u"jpy", p.jpy}};
        for (const auto &[currency, amount] : prices)
            if (amount > 0)
                objects::createPrice(m_state, QString::fromUtf16(currency), amount,
                                     u"prod_demo_"_s + key,
                                     priceId(key, QString::fromUtf16(currency)), now - 86400 * 30);
    }
    QHash<QString, const CustomerRow *> byId;
    for (const CustomerRow &c : kCustomers) {
        const QString id = QString::fromUtf16(c.id);
        byId.insert(id, &c);
        QJsonObject metadata;
        if (*c.tier)
            metadata.insert(u"loyalty_tier"_s, QString::fromUtf16(c.tier));
        QJsonObject customer{{u"id"_s, id},
                             {u"object"_s, u"customer"_s},
                             {u"address"_s, sessions::address(QString::fromUtf16(c.country),
                                                              QString::fromUtf16(c.city), {},
                                                              QString::fromUtf16(c.postalCode))},
                             {u"balance"_s, 0},
                             {u"created"_s, now - 86400 * 200},
                             {u"currency"_s, QJsonValue()},
                             {u"default_source"_s, QJsonValue()},
                             {u"delinquent"_s, false},
                             {u"description"_s, QJsonValue()},
                             {u"discount"_s, QJsonValue()},
                             {u"email"_s, QString::fromUtf16(c.email)},
                             {u"invoice_prefix"_s, id.mid(9, 8).toUpper()},
                             {u"livemode"_s, false},
                             {u"metadata"_s, metadata},
                             {u"name"_s, QString::fromUtf16(c.name)},
                             {u"next_invoice_sequence"_s, 1},
                             {u"phone"_s, QJsonValue()},
                             {u"preferred_locales"_s, QJsonArray{}},
                             {u"shipping"_s, QJsonValue()},
                             {u"tax_exempt"_s, u"none"_s},
                             {u"test_clock"_s, QJsonValue()}};
        m_state.customers.insert(id, customer);
        m_state.customerOrder.append(id);
    }

    // Oldest first, so that the worked example (the first row) is the newest session.
    const int count = int(std::size(sessionRows));
    for (int i = count - 1; i >= 0; --i) {
        const SessionRow &row = sessionRows[i];
        Session s;
        s.id = u"cs_test_a1Qx7demo%1"_s.arg(i + 1, 4, 10, QChar(u'0'));
        s.seq = m_state.nextSeq();
        s.created = now - 60 - qint64(i) * 7 * 60;
        s.expiresAt = s.created + 86400;
        s.currency = QString::fromUtf16(row.currency);
        s.uiMode = u"custom"_s;
        s.returnUrl = u"https://shop.example/checkout/return?session_id={CHECKOUT_SESSION_ID}"_s;
        s.updateDiscounts = row.serverOnly ? u"server_only"_s : QString();
        int line = 0;
        for (const QString &part : QString::fromUtf16(row.items).split(u' ')) {
            const QString key = part.section(u':', 0, 0);
            SessionItem item;
            item.id = u"li_demo_%1_%2"_s.arg(i + 1).arg(++line);
            item.priceId = priceId(key, s.currency);
            item.quantity = part.section(u':', 1, 1).toLongLong();
            s.items.append(item);
        }
        const QString who = QString::fromUtf16(row.customer);
        QString country;
        QJsonObject billing;
        if (const CustomerRow *c = byId.value(who)) {
            s.customer = who;
            country = QString::fromUtf16(c->country);
            billing = sessions::address(country, QString::fromUtf16(c->city), u"12 Demo Street"_s,
                                        QString::fromUtf16(c->postalCode));
            s.customerDetails = sessions::customerDetails(QString::fromUtf16(c->email),
                                                          QString::fromUtf16(c->name), billing);
        } else {
            s.customerEmail = who;
            country = QString::fromUtf16(row.shipTo);
            billing = sessions::address(country);
            s.customerDetails = sessions::customerDetails(who, {}, billing);
        }
        const QString shipTo = *row.shipTo ? QString::fromUtf16(row.shipTo) : country;
        QJsonObject shipping = shipTo == country ? billing : sessions::address(shipTo);
        if (s.id == u"cs_test_a1Qx7demo0001") // the worked example, as in session-open.json
            shipping = billing =
                sessions::address(u"BE"_s, u"Bruxelles"_s, u"Rue Haute 12"_s, u"1000"_s);
        s.customerDetails = sessions::customerDetails(
            s.customerDetails.toObject().value(u"email").toString(),
            s.customerDetails.toObject().value(u"name").toString(), billing);
        s.shippingDetails = QJsonObject{
            {u"address"_s, shipping},
            {u"name"_s, s.customerDetails.toObject().value(u"name").toString(u"Guest"_s)}};
        s.status = QString::fromUtf16(row.status);
        if (s.status == u"complete") {
            s.paymentStatus = u"paid"_s;
            s.paymentIntent = u"pi_demo_%1"_s.arg(i + 1);
        }
        m_state.sessions.insert(s.id, s);
    }
}

} // namespace remise::sandbox
