#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

/// HTTP/1.1 for the Stripe client, on the caller's thread: connections kept alive and reused,
/// at most a set number per host, requests queued beyond that, TLS for https (QSslSocket, the
/// system's certificates, the host name checked), the application's proxy (QAbstractSocket's
/// default). Nothing is compressed, nothing is redirected, no HTTP/2.
///
/// Why not QNetworkAccessManager: it runs HTTP in a thread of its own and opens at most six
/// connections per host. Handing each request over and the answer back cost the service more
/// CPU than the rest of a discount update (docs/performance.md).
namespace remise::stripe {

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url; ///< http or https
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; ///< sent with a Content-Length when the method is not GET
    /// The whole exchange, connecting included; then the connection is closed.
    std::chrono::milliseconds timeout{10'000};
};

struct HttpReply
{
    enum class Failure {
        None,       ///< an answer came (any status)
        Connection, ///< could not connect, TLS failed, or the connection dropped mid-answer
        Timeout,    ///< no whole answer within the request's timeout
        Protocol,   ///< the peer's bytes are not an HTTP/1.1 answer, or far too large
    };
    Failure failure = Failure::None;
    QString errorString; ///< for failures
    int status = 0;      ///< 0 unless an answer came
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    /// Header value by case-insensitive name, trimmed; empty if absent.
    QByteArray header(QByteArrayView name) const;
};

class Transport : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxConnectionsPerHost = 48;
        qsizetype maxResponseBytes = 32 * 1024 * 1024;
        /// A connection idle longer than this is not reused (servers close idle ones).
        std::chrono::milliseconds maxIdle{30'000};
    };

    explicit Transport(QObject *parent = nullptr);
    explicit Transport(const Options &options, QObject *parent = nullptr);
    ~Transport() override;

    using Callback = std::function<void(const HttpReply &)>;
    /// Sends `request`; `done` is called once, later, on this thread — unless the transport is
    /// destroyed first. A request sent on a kept-alive connection that the server had closed
    /// meanwhile (nothing came back) is sent once more on a new connection.
    void send(HttpRequest request, Callback done);

    /// Connections open now (busy or idle), over all hosts.
    int openConnections() const;
    const Options &options() const { return m_options; }

signals:
    /// After every exchange: the method and the status (0 when no answer came).
    void exchanged(const QByteArray &method, int status);

private:
    struct Exchange;
    class Connection;
    struct Pool;
    friend class Connection;

    Pool &poolFor(const QUrl &url);
    void dispatch(Pool &pool);
    void start(Pool &pool, std::shared_ptr<Exchange> exchange);
    void finished(Connection *connection, std::shared_ptr<Exchange> exchange, HttpReply reply,
                  bool keepConnection);
    void dropped(Connection *connection, std::shared_ptr<Exchange> exchange, HttpReply reply,
                 bool resendable);

    Options m_options;
    QHash<QString, Pool *> m_pools;
};

} // namespace remise::stripe
