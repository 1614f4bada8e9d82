// remise::http::Server, the small HTTP server under the sandbox and the service: routing with
// placeholders and wildcards, 404/405, the filter, answers sent later or never, raw answers,
// status lines, keep-alive and "Connection: close".

#include "server.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
};

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private:
    http::Server m_server;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
    http::Request m_last;
    std::shared_ptr<http::Responder> m_parked; // an answer kept for later

    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        reply->deleteLater();
        return r;
    }

    // Raw requests on one connection; what came back, and whether the server closed it.
    std::pair<QByteArray, bool> rawExchange(const QByteArray &requests, int answers)
    {
        QTcpSocket socket;
        QByteArray received;
        bool closed = false;
        QEventLoop loop;
        connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
            received += socket.readAll();
            if (received.count("HTTP/1.1 ") >= answers) // a close would follow at once
                QTimer::singleShot(200, &loop, &QEventLoop::quit);
        });
        connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
            closed = true;
            loop.quit();
        });
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        socket.write(requests);
        loop.exec();
        return {received + socket.readAll(), closed};
    }

private slots:
    void initTestCase()
    {
        const auto echo = [this](const http::Request &r, std::shared_ptr<http::Responder> out) {
            m_last = r;
            out->send(http::Response::json(
                200, {{u"method"_s, QString::fromLatin1(r.methodName)},
                      {u"path"_s, r.path},
                      {u"params"_s, QJsonArray::fromStringList(r.pathParams)},
                      {u"query"_s, r.query.queryItemValue(u"q"_s, QUrl::FullyDecoded)},
                      {u"body"_s, QString::fromUtf8(r.body)},
                      {u"header"_s, QString::fromLatin1(r.header("x-remise-test"))}}));
        };
        m_server.route("GET", u"/items/{id}"_s, echo);
        m_server.route("POST", u"/items/{id}/notes/{note}"_s, echo);
        m_server.route("GET", u"/files/*"_s, echo);
        m_server.route("GET", u"/items/special"_s, echo); // after {id}: never reached
        m_server.route("GET", u"/later"_s,
                       [](const http::Request &, std::shared_ptr<http::Responder> out) {
                           QTimer::singleShot(
                               50, [out] { out->send(http::Response::text(202, "done later")); });
                       });
        m_server.route("GET", u"/park"_s,
                       [this](const http::Request &, std::shared_ptr<http::Responder> out) {
                           m_parked = std::move(out);
                       });
        m_server.route(
            "GET", u"/drop"_s,
            [](const http::Request &, std::shared_ptr<http::Responder> out) { out->drop(); });
        m_server.route("GET", u"/raw"_s,
                       [](const http::Request &, std::shared_ptr<http::Responder> out) {
                           out->sendRaw("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                                        "Connection: close\r\n\r\nnot {");
                       });
        m_server.route("GET", u"/status/{code}"_s,
                       [](const http::Request &r, std::shared_ptr<http::Responder> out) {
                           out->send(http::Response::json(r.pathParams.at(0).toInt(), {})
                                         .withHeader("X-Extra", "yes"));
                       });
        // Headers built from request data, as a redirect or an echoed id would be.
        m_server.route("GET", u"/echo-header"_s,
                       [](const http::Request &r, std::shared_ptr<http::Responder> out) {
                           const QByteArray name = r.query.queryItemValue(u"name"_s).toUtf8();
                           const QByteArray value = QByteArray::fromPercentEncoding(
                               r.query.queryItemValue(u"value"_s, QUrl::FullyEncoded).toLatin1());
                           http::Response response = http::Response::text(200, "ok");
                           response.withHeader(name, value).withHeader("X-After", "kept");
                           if (r.query.hasQueryItem(u"type"_s))
                               response.contentType = value;
                           out->send(response);
                       });
        m_server.setFilter([](const http::Request &r, const std::shared_ptr<http::Responder> &out) {
            if (!r.hasHeader("X-Blocked"))
                return false;
            out->send(http::Response::json(403, {{u"blocked"_s, true}}));
            return true;
        });
        m_port = m_server.listenOn(QHostAddress::LocalHost, 0);
        QVERIFY(m_port);
    }

    void routing_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("params");
        QTest::newRow("placeholder")
            << QByteArray("GET") << u"/items/42"_s << 200 << QStringList{u"42"_s};
        QTest::newRow("decoded placeholder")
            << QByteArray("GET") << u"/items/a%20b"_s << 200 << QStringList{u"a b"_s};
        QTest::newRow("first match wins")
            << QByteArray("GET") << u"/items/special"_s << 200 << QStringList{u"special"_s};
        QTest::newRow("two placeholders")
            << QByteArray("POST") << u"/items/7/notes/n1"_s << 200 << QStringList{u"7"_s, u"n1"_s};
        QTest::newRow("wildcard rest")
            << QByteArray("GET") << u"/files/a/b/c.txt"_s << 200 << QStringList{u"a/b/c.txt"_s};
        QTest::newRow("wildcard, nothing after")
            << QByteArray("GET") << u"/files"_s << 200 << QStringList{u""_s};
        QTest::newRow("too short") << QByteArray("GET") << u"/items"_s << 404 << QStringList{};
        QTest::newRow("too long") << QByteArray("GET") << u"/items/1/2"_s << 404 << QStringList{};
        QTest::newRow("unknown") << QByteArray("GET") << u"/nothing"_s << 404 << QStringList{};
        QTest::newRow("wrong method")
            << QByteArray("DELETE") << u"/items/42"_s << 405 << QStringList{};
    }

    void routing()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QStringList, params);
        const Reply r = call(method, path);
        QCOMPARE(r.status, status);
        if (status == 200) {
            QCOMPARE(r.json[u"method"].toString(), QString::fromLatin1(method));
            QCOMPARE(r.json[u"params"].toArray().toVariantList(),
                     QJsonArray::fromStringList(params).toVariantList());
        } else {
            // The server's defaults are neutral plain text: no API's error shape.
            QVERIFY2(r.body.startsWith(QByteArray(http::reasonPhrase(status) + ": ")),
                     r.body.constData());
            QVERIFY(r.json.isEmpty());
            QVERIFY(!r.body.contains("invalid_request_error"));
        }
    }

    void requestFields()
    {
        const Reply r = call("POST", u"/items/9/notes/x?q=a%26b"_s, "hello=world",
                             {{"X-Remise-Test", "Value"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[u"path"].toString(), u"/items/9/notes/x"_s);
        QCOMPARE(r.json[u"query"].toString(), u"a&b"_s);
        QCOMPARE(r.json[u"body"].toString(), u"hello=world"_s);
        QCOMPARE(r.json[u"header"].toString(), u"Value"_s); // names are case-insensitive
        QVERIFY(m_last.hasHeader("x-REMISE-test"));
        QVERIFY(!m_last.hasHeader("x-absent"));
        QVERIFY(m_last.header("x-absent").isEmpty());
        QVERIFY(m_last.remoteAddress.isLoopback());
    }

    void theFilterComesFirst()
    {
        const Reply r = call("GET", u"/items/1"_s, {}, {{"X-Blocked", "1"}});
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json[u"blocked"].toBool(), true);
    }

    void answersLaterOrNever()
    {
        const Reply later = call("GET", u"/later"_s);
        QCOMPARE(later.status, 202);
        QCOMPARE(later.body, QByteArray("done later"));

        // A parked answer goes out when sent, once.
        QNetworkReply *reply =
            m_network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/park"_s.arg(m_port))));
        QTRY_VERIFY(m_parked != nullptr);
        QVERIFY(m_parked->isOpen());
        QVERIFY(!reply->isFinished());
        m_parked->send(http::Response::json(200, {{u"parked"_s, true}}));
        QVERIFY(!m_parked->isOpen());
        m_parked->send(http::Response::json(500, {})); // ignored: already answered
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
        m_parked.reset();

        // The client goes away first: answering later does nothing.
        reply = m_network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/park"_s.arg(m_port))));
        QTRY_VERIFY(m_parked != nullptr);
        reply->abort();
        reply->deleteLater();
        QTRY_VERIFY(!m_parked->isOpen());
        m_parked->send(http::Response::json(200, {}));
        m_parked.reset();
        QCOMPARE(call("GET", u"/items/1"_s).status, 200); // still serving

        const Reply dropped = call("GET", u"/drop"_s);
        QCOMPARE(dropped.status, 0);
        QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
    }

    void statusLinesAndRawAnswers()
    {
        const auto [answer, closed] = rawExchange("GET /status/429 HTTP/1.1\r\nHost: x\r\n\r\nGET "
                                                  "/status/422 HTTP/1.1\r\nHost: x\r\n\r\n",
                                                  2);
        QVERIFY2(answer.startsWith("HTTP/1.1 429 Too Many Requests\r\n"), answer.constData());
        QVERIFY(answer.contains("\r\nX-Extra: yes\r\n"));
        QVERIFY(answer.contains("\r\nContent-Type: application/json\r\n"));
        QVERIFY(answer.contains("HTTP/1.1 422 Unprocessable Entity\r\n")); // same connection
        QVERIFY(!closed);                                                  // kept alive

        const auto [closing, closedAfter] =
            rawExchange("GET /items/5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1);
        QVERIFY(closing.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(closing.contains("\r\nConnection: close\r\n"));
        QVERIFY(closedAfter);

        const auto [raw, rawClosed] = rawExchange("GET /raw HTTP/1.1\r\nHost: x\r\n\r\n", 1);
        QCOMPARE(
            raw,
            QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nnot {"));
        QVERIFY(rawClosed);
    }

    // A header name or value with CR, LF or NUL is left out: the head cannot be split.
    void headerInjection_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<bool>("sent");
        QTest::newRow("plain") << QByteArray("name=X-Id&value=abc") << true;
        QTest::newRow("CRLF in value")
            << QByteArray("name=X-Id&value=abc%0D%0ASet-Cookie:%20evil=1") << false;
        QTest::newRow("LF in value")
            << QByteArray("name=X-Id&value=abc%0ASet-Cookie:%20evil=1") << false;
        QTest::newRow("CR in value")
            << QByteArray("name=X-Id&value=abc%0DSet-Cookie:%20evil=1") << false;
        QTest::newRow("NUL in value") << QByteArray("name=X-Id&value=abc%00def") << false;
        QTest::newRow("CRLF in name")
            << QByteArray("name=X-Id%0D%0ASet-Cookie:%20evil&value=1") << false;
        QTest::newRow("colon in name") << QByteArray("name=Set-Cookie:%20evil&value=1") << false;
        QTest::newRow("empty name") << QByteArray("name=&value=1") << false;
        QTest::newRow("content type with CRLF")
            << QByteArray("type=1&name=X-Id&value=text/plain%0D%0ASet-Cookie:%20evil=1") << false;
    }

    void headerInjection()
    {
        QFETCH(QByteArray, query);
        QFETCH(bool, sent);
        const auto [answer, closed] = rawExchange(
            "GET /echo-header?" + query + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1);
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        const qsizetype end = answer.indexOf("\r\n\r\n");
        QVERIFY(end > 0);
        const QByteArray head = answer.left(end + 2);
        QVERIFY2(!head.contains("Set-Cookie") && !head.contains("evil"), head.constData());
        QCOMPARE(head.contains("\r\nX-Id: abc\r\n"), sent);
        QVERIFY(head.contains("\r\nX-After: kept\r\n")); // the other headers still go out
        QCOMPARE(answer.mid(end + 4), QByteArray("ok"));
        // Every header line is "Name: value"; nothing was smuggled into the head.
        const QList<QByteArray> lines = head.split('\n');
        for (qsizetype i = 1; i < lines.size() - 1; ++i)
            QVERIFY2(lines.at(i).endsWith('\r') && lines.at(i).contains(": ") &&
                         !lines.at(i).chopped(1).contains('\r'),
                     lines.at(i).constData());
        QVERIFY(!http::isSafeHeaderValue("a\r\nb"));
        QVERIFY(!http::isHeaderName("X Y"));
        QVERIFY(http::isHeaderName("X-Request-Id"));
    }

    void helpers()
    {
        QCOMPARE(http::methodName(QHttpServerRequest::Method::Patch), QByteArray("PATCH"));
        QCOMPARE(http::reasonPhrase(404), QByteArray("Not Found"));
        QCOMPARE(http::reasonPhrase(503), QByteArray("Service Unavailable"));
        const http::Response text = http::Response::text(201, "made");
        QVERIFY(text.contentType.startsWith("text/plain"));
        QCOMPARE(text.status, 201);
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
