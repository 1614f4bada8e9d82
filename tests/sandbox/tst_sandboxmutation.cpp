// Crash hunt, kept as a test: a few thousand mutated requests (bodies, paths, methods and
// headers derived from valid ones, fixed seed) against an in-process sandbox on loopback. Every
// one must get an answer that is not a server error, and the sandbox must still answer
// afterwards. Run under the `asan` preset it is the sanitizer check of the whole request path.
// Fault injection and webhook targets are left alone: nothing leaves the loopback interface.

#include "clock.h"
#include "sandboxclient.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using remise::test::Answer;
using remise::test::SandboxClient;

namespace {

constexpr qint64 startMs = 1'795'953'600'000;
constexpr int requests = 3000;

// Pieces that reach the decoder's and the handlers' edge cases.
const QList<QByteArray> &tokens()
{
    static const QList<QByteArray> list{"[",
                                        "]",
                                        "[]",
                                        "[0]",
                                        "[1]",
                                        "[99999]",
                                        "[-1]",
                                        "[a]",
                                        "=",
                                        "&",
                                        "&&",
                                        "%",
                                        "%0",
                                        "%00",
                                        "%FF",
                                        "%E2%82",
                                        "+",
                                        "0",
                                        "-1",
                                        "1.5",
                                        "1e400",
                                        "99999999999999999999",
                                        "9223372036854775807",
                                        "-9223372036854775808",
                                        "true",
                                        "null",
                                        "expand[]=discounts",
                                        "expand[]=line_items",
                                        "expand[]=data.line_items",
                                        "discounts=",
                                        "line_items[0][quantity]=",
                                        "discounts[0][coupon_data][percent_off]=100",
                                        "discounts[0][coupon]=missing",
                                        "metadata[k]=",
                                        "%F0%9F%98%80",
                                        "%CC%81",
                                        "[discounts]",
                                        "[coupon_data]",
                                        "[metadata][x]=y",
                                        "limit=0",
                                        "limit=101",
                                        "starting_after=cs_test_nope",
                                        "created[gte]=-5",
                                        "status=open",
                                        "customer=cus_nope"};
    return list;
}

QByteArray mutate(QByteArray bytes, QRandomGenerator &random)
{
    const int operations = random.bounded(1, 5);
    for (int n = 0; n < operations; ++n) {
        const qsizetype size = bytes.size();
        const qsizetype at = size ? random.bounded(int(size) + 1) : 0;
        switch (random.bounded(8)) {
        case 0: // flip a byte
            if (size)
                bytes[random.bounded(int(size))] = char(random.bounded(256));
            break;
        case 1:
        case 2: // insert a token
            bytes.insert(at, tokens().at(random.bounded(int(tokens().size()))));
            break;
        case 3: // delete a range
            if (size)
                bytes.remove(at, random.bounded(1, 16));
            break;
        case 4: // duplicate a range
            if (size) {
                const qsizetype from = random.bounded(int(size));
                bytes.insert(at, bytes.mid(from, random.bounded(1, 64)));
            }
            break;
        case 5: // truncate
            bytes.truncate(at);
            break;
        case 6: // nest deeply or repeat a key many times
            // (50,000 levels overflowed the stack of the old decoder: the crash found first.)
            bytes.insert(at, random.bounded(2)
                                 ? QByteArray("[x]").repeated(
                                       random.bounded(10) ? random.bounded(1, 200) : 50'000)
                                 : QByteArray("&a[]=1").repeated(random.bounded(1, 500)));
            break;
        default: // a random byte
            bytes.insert(at, char(random.bounded(256)));
            break;
        }
    }
    return bytes;
}

} // namespace

class TestSandboxMutation : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{startMs};
    SandboxClient m_client{m_clock};

private slots:
    void mutatedRequests()
    {
        QVERIFY(m_client.start());
        QStringList sessions;
        for (int i = 0; i < 3; ++i) {
            sessions.append(
                m_client.createSession(SandboxClient::sessionParams({{4500, 2}, {990, 1}})));
            QVERIFY(!sessions.last().isEmpty());
        }
        const QString customer =
            m_client.call("POST", u"/v1/customers"_s, {{u"email"_s, u"ann@example.org"_s}})
                .body[u"id"]
                .toString();
        QVERIFY(!customer.isEmpty());

        const QByteArray create = form::encode(SandboxClient::sessionParams({{4500, 2}}));
        const QByteArray update =
            "discounts[0][coupon_data][amount_off]=1000&discounts[0][coupon_data][currency]=eur&"
            "discounts[0][coupon_data][name]=Black+Friday&discounts[0][coupon_data][metadata]"
            "[remise_campaigns]=bf&expand[]=discounts&expand[]=line_items";
        struct Seed
        {
            QByteArray method;
            QString path;
            QByteArray body;
            bool json = false;
        };
        const QString s0 = u"/v1/checkout/sessions/"_s + sessions.at(0);
        const QList<Seed> seeds{
            {"POST", u"/v1/checkout/sessions"_s, create},
            {"POST", s0, update},
            {"POST", s0, "discounts=&expand[]=discounts"},
            {"POST", s0,
             "line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]="
             "99999999&line_items[0][price_data][product_data][name]=x&line_items[0][quantity]="
             "999999"},
            {"POST", s0,
             "collected_information[shipping_details][name]=A&collected_information[shipping_"
             "details][address][country]=FR&metadata[k]=v"},
            {"GET", s0, "expand[]=line_items&expand[]=customer&expand[]=total_details.breakdown"},
            {"GET", u"/v1/checkout/sessions"_s, "limit=3&status=open&expand[]=data.line_items"},
            {"GET", s0 + u"/line_items"_s, "limit=1"},
            {"POST", u"/v1/checkout/sessions/"_s + sessions.at(1) + u"/expire"_s, {}},
            {"POST", u"/v1/customers"_s,
             "email=bob%40example.org&name=Bob&metadata[loyalty_tier]=gold"},
            {"GET", u"/v1/customers/"_s + customer, {}},
            {"POST", u"/v1/coupons"_s, "amount_off=500&currency=eur&duration=once&name=Five"},
            {"POST", u"/v1/prices"_s, "currency=eur&unit_amount=1200&product_data[name]=Mug"},
            {"POST", u"/_sandbox/checkout/sessions/"_s + sessions.at(2) + u"/shipping"_s,
             R"({"country": "NL", "city": "Utrecht", "line1": "Oudegracht 1"})", true},
            {"POST", u"/_sandbox/checkout/sessions/"_s + sessions.at(2) + u"/details"_s,
             R"({"email": "c@example.org", "name": "C", "country": "BE"})", true},
            {"POST", u"/_sandbox/checkout/sessions/"_s + sessions.at(2) + u"/complete"_s, "{}",
             true},
            {"GET", u"/_sandbox/requests"_s, {}, true},
        };
        const QList<QByteArray> versions{test::previewVersion,
                                         test::gaVersion,
                                         "",
                                         "2025-03-31.basil; checkout_server_update_beta=v1; x=y",
                                         "garbage\x01",
                                         QByteArray(300, 'v')};

        QRandomGenerator random(20261130);
        QNetworkAccessManager network;
        QHash<int, int> statuses;
        for (int n = 0; n < requests; ++n) {
            const Seed &seed = seeds.at(random.bounded(int(seeds.size())));
            QByteArray method = seed.method;
            if (random.bounded(20) == 0)
                method = QList<QByteArray>{"PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}.at(
                    random.bounded(5));
            QString path = seed.path;
            if (random.bounded(6) == 0)
                path = QString::fromLatin1(mutate(path.toLatin1(), random));
            const bool helper = path.startsWith(u"/_sandbox"_s);
            if (helper && (path.contains(u"fault"_s) || path.contains(u"webhook"_s)))
                path = u"/_sandbox/health"_s; // no injected failures, no outside URLs
            const QByteArray body = random.bounded(10) == 0 ? seed.body : mutate(seed.body, random);
            QUrl url = m_client.url(path.section(u'?', 0, 0));
            if (!url.isValid())
                url = m_client.url(u"/v1/checkout/sessions"_s);
            if (method == "GET" && !seed.json)
                url.setQuery(QString::fromLatin1(body.toPercentEncoding("&=[]%+")));
            QNetworkRequest request(url);
            request.setRawHeader("Authorization", random.bounded(30)
                                                      ? QByteArray("Bearer ") + test::testKey
                                                      : QByteArray("Bearer sk_test_"));
            const QByteArray version = versions.at(random.bounded(int(versions.size())));
            if (!version.isEmpty())
                request.setRawHeader("Stripe-Version", version);
            if (method == "POST" && random.bounded(4) == 0)
                request.setRawHeader("Idempotency-Key", random.bounded(10)
                                                            ? QByteArray::number(random.bounded(50))
                                                            : QByteArray(300, 'k'));
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              seed.json ? QByteArray("application/json")
                                        : QByteArray("application/x-www-form-urlencoded"));
            const Answer a = SandboxClient::wait(
                network.sendCustomRequest(request, method, method == "GET" ? QByteArray() : body));
            ++statuses[a.status];
            const QString what = u"request %1: %2 %3 [%4] -> %5 %6"_s.arg(n)
                                     .arg(QString::fromLatin1(method), path,
                                          QString::fromLatin1(body.left(300).toPercentEncoding()))
                                     .arg(a.status)
                                     .arg(QString::fromUtf8(a.raw.left(300)));
            QVERIFY2(a.status >= 200 && a.status < 500, qPrintable(what));
            if (a.status >= 400 && path.startsWith(u"/v1/"_s))
                QVERIFY2(!a.errorMessage().isEmpty(), qPrintable(what));
        }
        // Still answering, and still consistent.
        const Answer health = m_client.call("GET", u"/_sandbox/health"_s);
        QCOMPARE(health.status, 200);
        const Answer list = m_client.call("GET", u"/v1/checkout/sessions"_s, {{u"limit"_s, 100}});
        QCOMPARE(list.status, 200);
        QVERIFY(list.body[u"data"].toArray().size() >= 3);
        QStringList summary;
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
            summary.append(u"%1: %2"_s.arg(it.key()).arg(it.value()));
        summary.sort();
        qInfo("%d mutated requests answered (%s)", requests, qPrintable(summary.join(u", "_s)));
    }
};

QTEST_GUILESS_MAIN(TestSandboxMutation)
#include "tst_sandboxmutation.moc"
