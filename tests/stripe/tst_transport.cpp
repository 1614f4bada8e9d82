// The Stripe client's HTTP/1.1 transport against a raw TCP (and TLS) server on loopback whose
// every byte the test writes: connections kept alive and reused, the answer's three ways of
// ending (length, chunks, close), a kept-alive connection found closed, timeouts, garbage, TLS.

#include "transport.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise::stripe;
using namespace std::chrono_literals;

namespace {

// One request as the server read it, and the connection it came on.
struct Seen
{
    QTcpSocket *socket = nullptr;
    int connection = 0; ///< 1 for the first connection accepted, …
    QByteArray head;    ///< request line and headers
    QByteArray body;
};

// Accepts connections and collects whole requests (Content-Length bodies); the test answers
// with raw bytes through `seen.at(i).socket`.
class RawServer : public QObject
{
public:
    explicit RawServer(QTcpServer *server = nullptr)
        : m_server(server ? server : new QTcpServer(this))
    {
        if (server)
            server->setParent(this);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                const int number = ++connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket, number] {
                    QByteArray &buffer = m_buffers[socket];
                    buffer += socket->readAll();
                    for (;;) {
                        const qsizetype end = buffer.indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const QByteArray head = buffer.left(end);
                        qsizetype length = 0;
                        for (const QByteArray &line : head.split('\n'))
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        if (buffer.size() < end + 4 + length)
                            return;
                        seen.append({socket, number, head, buffer.mid(end + 4, length)});
                        buffer.remove(0, end + 4 + length);
                        if (autoAnswer)
                            socket->write(autoAnswer(seen.last()));
                    }
                });
                connect(socket, &QTcpSocket::disconnected, this, [this] { ++closed; });
            }
        });
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }
    QUrl url(const QString &path, const QString &scheme = u"http"_s) const
    {
        return QUrl(u"%1://127.0.0.1:%2%3"_s.arg(scheme).arg(m_server->serverPort()).arg(path));
    }

    QList<Seen> seen;
    int connections = 0;
    int closed = 0;
    std::function<QByteArray(const Seen &)> autoAnswer;

private:
    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray ok(const QByteArray &body, const QByteArray &extra = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

struct Outcome
{
    bool done = false;
    HttpReply reply;
};

std::shared_ptr<Outcome> send(Transport &transport, const QUrl &url,
                              const QByteArray &method = "GET", const QByteArray &body = {},
                              std::chrono::milliseconds timeout = 5s)
{
    auto outcome = std::make_shared<Outcome>();
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.headers = {{"Authorization", "Bearer sk_test_x"}, {"Accept", "application/json"}};
    request.body = body;
    request.timeout = timeout;
    transport.send(request, [outcome](const HttpReply &reply) {
        QVERIFY(!outcome->done); // once
        outcome->done = true;
        outcome->reply = reply;
    });
    return outcome;
}

} // namespace

class TestTransport : public QObject
{
    Q_OBJECT

private slots:
    void requestsGoOutOnOneKeptAliveConnection()
    {
        RawServer server;
        server.autoAnswer = [](const Seen &s) {
            return ok("{\"n\":" + QByteArray::number(s.body.size()) + '}', "Request-Id: req_1\r\n");
        };
        Transport transport;
        QSignalSpy exchanged(&transport, &Transport::exchanged);
        for (int i = 0; i < 3; ++i) {
            auto got = send(transport, server.url(u"/v1/things?expand%5B0%5D=a b"_s), "POST",
                            "a=" + QByteArray(i, 'x'));
            QTRY_VERIFY(got->done);
            QCOMPARE(got->reply.failure, HttpReply::Failure::None);
            QCOMPARE(got->reply.status, 200);
            QCOMPARE(got->reply.body, "{\"n\":" + QByteArray::number(2 + i) + '}');
            QCOMPARE(got->reply.header("request-id"), "req_1");
        }
        QCOMPARE(server.connections, 1);
        QCOMPARE(transport.openConnections(), 1);
        QCOMPARE(exchanged.size(), 3);
        QCOMPARE(exchanged.first().at(0).toByteArray(), "POST");
        QCOMPARE(exchanged.first().at(1).toInt(), 200);
        // What went over the wire.
        const QList<QByteArray> lines = server.seen.at(2).head.split('\n');
        QCOMPARE(lines.at(0).trimmed(), "POST /v1/things?expand%5B0%5D=a%20b HTTP/1.1");
        const QByteArray head = server.seen.at(2).head;
        QVERIFY(head.contains("\r\nHost: 127.0.0.1:"));
        QVERIFY(head.contains("\r\nAuthorization: Bearer sk_test_x\r\n"));
        QVERIFY(head.contains("\r\nContent-Length: 4"));
        QCOMPARE(server.seen.at(2).body, "a=xx");
        // A GET carries no Content-Length.
        auto get = send(transport, server.url(u"/v1/x"_s));
        QTRY_VERIFY(get->done);
        QVERIFY(!server.seen.last().head.toLower().contains("content-length"));
    }

    void answersEndByLengthChunksOrClose_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces"); // written one by one
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("reused");
        QTest::newRow("length, in pieces")
            << QList<QByteArray>{"HTTP/1.1 201 Created\r\nContent-Le", "ngth: 5\r\n\r\nhe", "llo"}
            << QByteArray("hello") << true;
        QTest::newRow("chunks with an extension and a trailer")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                                 "3;x=y\r\n{\"a\r\n", "A\r\n\":[1,2,3]}\r\n0\r\n",
                                 "X-Trailer: 1\r\n\r\n"}
            << QByteArray("{\"a\":[1,2,3]}") << true;
        QTest::newRow("chunks without trailer")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "2\r\nok\r\n0\r\n\r\n"}
            << QByteArray("ok") << true;
        QTest::newRow("until the connection closes")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\n\r\nall ", "of it"} << QByteArray("all of it")
            << false;
        QTest::newRow("Connection: close")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n"
                                 "\r\nok"}
            << QByteArray("ok") << false;
        QTest::newRow("HTTP/1.0 without keep-alive")
            << QList<QByteArray>{"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"}
            << QByteArray("ok") << false;
        QTest::newRow("100 Continue first")
            << QList<QByteArray>{"HTTP/1.1 100 Continue\r\n\r\n",
                                 "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}
            << QByteArray("ok") << true;
        QTest::newRow("204") << QList<QByteArray>{"HTTP/1.1 204 No Content\r\n\r\n"} << QByteArray()
                             << true;
    }

    void answersEndByLengthChunksOrClose()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(QByteArray, body);
        QFETCH(bool, reused);
        RawServer server;
        Transport transport;
        auto got = send(transport, server.url(u"/v1/a"_s));
        QTRY_COMPARE(server.seen.size(), 1);
        QTcpSocket *socket = server.seen.first().socket;
        for (const QByteArray &piece : pieces) {
            socket->write(piece);
            socket->flush();
            QTest::qWait(20);
            QVERIFY(!got->done || piece == pieces.last());
        }
        if (!reused)
            socket->disconnectFromHost();
        QTRY_VERIFY(got->done);
        QCOMPARE(got->reply.failure, HttpReply::Failure::None);
        QCOMPARE(got->reply.body, body);
        server.autoAnswer = [](const Seen &) {
            return ok("{}");
        };
        auto next = send(transport, server.url(u"/v1/b"_s));
        QTRY_VERIFY(next->done);
        QCOMPARE(next->reply.status, 200);
        QCOMPARE(server.connections, reused ? 1 : 2);
    }

    void aKeptAliveConnectionFoundClosedIsRetriedOnceOnANewOne()
    {
        RawServer server;
        Transport transport;
        auto first = send(transport, server.url(u"/v1/a"_s));
        QTRY_COMPARE(server.seen.size(), 1);
        server.seen.at(0).socket->write(ok("{}"));
        QTRY_VERIFY(first->done);
        // The next request arrives on the kept-alive connection, which the server then closes
        // without a word (as servers do with idle connections): sent again on a new one.
        auto second = send(transport, server.url(u"/v1/b"_s), "POST", "k=v");
        QTRY_COMPARE(server.seen.size(), 2);
        QCOMPARE(server.seen.at(1).connection, 1);
        server.seen.at(1).socket->abort();
        QTRY_COMPARE(server.seen.size(), 3);
        QCOMPARE(server.seen.at(2).connection, 2);
        QCOMPARE(server.seen.at(2).body, "k=v");
        QVERIFY(!second->done);
        // A new connection closed without an answer is a failure: it is not sent a third time.
        server.seen.at(2).socket->abort();
        QTRY_VERIFY(second->done);
        QCOMPARE(second->reply.failure, HttpReply::Failure::Connection);
        QVERIFY(!second->reply.errorString.isEmpty());
        QCOMPARE(server.seen.size(), 3);
        QCOMPARE(transport.openConnections(), 0);
    }

    void aConnectionClosedMidAnswerFails()
    {
        RawServer server;
        Transport transport;
        auto got = send(transport, server.url(u"/v1/a"_s));
        QTRY_COMPARE(server.seen.size(), 1);
        server.seen.at(0).socket->write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        server.seen.at(0).socket->flush();
        QTest::qWait(20);
        server.seen.at(0).socket->disconnectFromHost();
        QTRY_VERIFY(got->done);
        QCOMPARE(got->reply.failure, HttpReply::Failure::Connection);
        QCOMPARE(server.seen.size(), 1); // an answer had begun: not sent again
    }

    void noAnswerInTimeIsATimeoutAndTheConnectionCloses()
    {
        RawServer server;
        Transport transport;
        QElapsedTimer timer;
        timer.start();
        auto got = send(transport, server.url(u"/v1/a"_s), "GET", {}, 200ms);
        QTRY_VERIFY(got->done);
        QVERIFY(timer.elapsed() >= 190);
        QCOMPARE(got->reply.failure, HttpReply::Failure::Timeout);
        QTRY_COMPARE(server.closed, 1);
        QCOMPARE(transport.openConnections(), 0);
    }

    void callsWaitingForAConnectionTimeOutToo()
    {
        RawServer server;
        Transport::Options options;
        options.maxConnectionsPerHost = 1;
        Transport transport(options);
        auto busy = send(transport, server.url(u"/v1/a"_s), "GET", {}, 5s);
        auto waiting = send(transport, server.url(u"/v1/b"_s), "GET", {}, 200ms);
        QTRY_VERIFY(waiting->done);
        QCOMPARE(waiting->reply.failure, HttpReply::Failure::Timeout);
        QCOMPARE(server.seen.size(), 1);
        QVERIFY(!busy->done);
    }

    void garbageIsAProtocolFailure_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n");
        QTest::newRow("status not a number") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
        QTest::newRow("header without name")
            << QByteArray("HTTP/1.1 200 OK\r\n: x\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("length not a number")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n");
        QTest::newRow("too large")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n");
        QTest::newRow("chunk size not hex")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        QTest::newRow("endless headers")
            << QByteArray("HTTP/1.1 200 OK\r\nX: ") + QByteArray(70 * 1024, 'a');
    }

    void garbageIsAProtocolFailure()
    {
        QFETCH(QByteArray, answer);
        RawServer server;
        Transport transport;
        auto got = send(transport, server.url(u"/v1/a"_s));
        QTRY_COMPARE(server.seen.size(), 1);
        server.seen.at(0).socket->write(answer);
        QTRY_VERIFY(got->done);
        QCOMPARE(got->reply.failure, HttpReply::Failure::Protocol);
        QVERIFY(!got->reply.errorString.isEmpty());
        QTRY_COMPARE(server.closed, 1);
    }

    void badRequestsFailWithoutAConnection()
    {
        Transport transport;
        auto scheme = send(transport, QUrl(u"ftp://127.0.0.1/x"_s));
        HttpRequest split;
        split.url = QUrl(u"http://127.0.0.1:1/x"_s);
        split.headers = {{"X", "a\r\nInjected: yes"}};
        bool splitDone = false;
        transport.send(split, [&splitDone](const HttpReply &reply) {
            splitDone = true;
            QCOMPARE(reply.failure, HttpReply::Failure::Connection);
        });
        QVERIFY(!scheme->done); // never from inside send()
        QTRY_VERIFY(scheme->done && splitDone);
        QCOMPARE(scheme->reply.failure, HttpReply::Failure::Connection);
        QCOMPARE(transport.openConnections(), 0);
    }

    void refusedConnectionFails()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        Transport transport;
        auto got = send(transport, QUrl(u"http://127.0.0.1:%1/v1/a"_s.arg(port)));
        QTRY_VERIFY(got->done);
        QCOMPARE(got->reply.failure, HttpReply::Failure::Connection);
        QCOMPARE(transport.openConnections(), 0);
    }

    void httpsChecksTheCertificate()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QFile certFile(QStringLiteral(REMISE_TEST_DATA "/tls/localhost.crt"));
        QFile keyFile(QStringLiteral(REMISE_TEST_DATA "/tls/localhost.key"));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate certificate(&certFile, QSsl::Pem);
        const QSslKey key(&keyFile, QSsl::Ec, QSsl::Pem);
        QVERIFY(!certificate.isNull() && !key.isNull());
        auto *tls = new QSslServer;
        QSslConfiguration serverConfig = QSslConfiguration::defaultConfiguration();
        serverConfig.setLocalCertificate(certificate);
        serverConfig.setPrivateKey(key);
        serverConfig.setPeerVerifyMode(QSslSocket::VerifyNone);
        tls->setSslConfiguration(serverConfig);
        RawServer server(tls);
        server.autoAnswer = [](const Seen &) {
            return ok("{\"tls\":true}");
        };

        // Not trusted: the handshake fails and nothing is sent.
        {
            Transport transport;
            auto got = send(transport, server.url(u"/v1/a"_s, u"https"_s));
            QTRY_VERIFY_WITH_TIMEOUT(got->done, 10000);
            QCOMPARE(got->reply.failure, HttpReply::Failure::Connection);
            QVERIFY2(got->reply.errorString.contains(u"certificate"_s, Qt::CaseInsensitive),
                     qPrintable(got->reply.errorString));
            QCOMPARE(server.seen.size(), 0);
        }

        // Trusted (as if a CA had signed it): the request goes over TLS and the connection is
        // kept for the next one.
        const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = original;
        trusting.addCaCertificate(certificate);
        QSslConfiguration::setDefaultConfiguration(trusting);
        auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(original); });
        Transport transport;
        for (int i = 0; i < 2; ++i) {
            auto got = send(transport, server.url(u"/v1/a"_s, u"https"_s));
            QTRY_VERIFY_WITH_TIMEOUT(got->done, 10000);
            QCOMPARE(got->reply.failure, HttpReply::Failure::None);
            QCOMPARE(got->reply.body, "{\"tls\":true}");
        }
        QCOMPARE(server.seen.size(), 2);
        QCOMPARE(server.seen.at(1).connection, server.seen.at(0).connection);
        QVERIFY(server.seen.at(0).head.contains("\r\nHost: 127.0.0.1:"));
    }
};

QTEST_MAIN(TestTransport)
#include "tst_transport.moc"
