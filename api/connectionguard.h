#pragma once

#include <QList>
#include <QPointer>
#include <QTcpServer>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace remise::api {

/// The listening socket of the service, guarding QHttpServer against what it does not limit.
///
/// QHttpServer 6.4 hands a request over only once its whole body has been read into memory,
/// with no size limit and no timeout, so the guard watches each connection's bytes before
/// QHttpServer reads them (it peeks; its readyRead handler is connected first) and answers
/// itself, closing the connection, when:
///  - the head exceeds `maxHeadBytes` (431) or is not HTTP/1.x (400);
///  - Content-Length is over `maxBodyBytes` (413; `maxLargeBodyBytes` for `largeBodyPath`) —
///    refused from the head alone, before any of the body is read; a body is therefore never
///    buffered beyond that limit;
///  - the body is chunked (Transfer-Encoding: 411, since its size cannot be known up front);
///  - the head and body have not fully arrived within `requestTimeout` of the first byte (408);
///  - more than `maxConnections` connections are open (503).
/// It also answers `Expect: 100-continue` for bodies it will accept, and closes connections
/// that stay silent for `idleTimeout` with nothing in flight.
class ConnectionGuard : public QTcpServer
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxHeadBytes = 16 * 1024;
        qint64 maxBodyBytes = 64 * 1024;
        /// Stripe's events carry whole objects (up to 50 metadata entries of 500 characters…):
        /// the webhook path gets more room.
        QByteArray largeBodyPath = "/v1/webhooks/stripe";
        qint64 maxLargeBodyBytes = 512 * 1024;
        std::chrono::milliseconds requestTimeout{10'000};
        std::chrono::milliseconds idleTimeout{120'000};
        int maxConnections = 1024;
    };
    /// Builds the answer for a refusal (status, error code) — a complete HTTP response.
    using Refusal = std::function<QByteArray(int status, const QString &code)>;

    /// `http` is the QAbstractHttpServer this guard is bound to (its readyRead handler is
    /// disconnected from a refused connection so that it reads nothing more).
    ConnectionGuard(const Limits &limits, QObject *http, Refusal refusal,
                    QObject *parent = nullptr);

    /// Connections open now, over all the lanes that share this guard's connections.
    int openConnections() const { return *m_open; }
    /// Another lane's guard: is bound to a duplicate of `first`'s listening socket (so that the
    /// HTTP server sees a listening server) but never accepts by itself; `first` hands it
    /// connections (shareWith). False with errorString() set when the socket cannot be shared.
    bool join(const ConnectionGuard &first);
    /// Hands each new connection to this guard and `others` in turn (round robin), each taking
    /// it on its own thread. Call before connections arrive.
    void shareWith(const QList<ConnectionGuard *> &others);
    /// Stops accepting and closes connections with no request in progress.
    void drain();
    /// Bytes of answers not yet handed to the system, over this guard's connections (after
    /// trying to write them now): a process must not exit while answers are still buffered.
    qint64 unsentBytes();

signals:
    /// A connection was refused by the guard, with the error code it got.
    void refused(const QString &code, int status);

protected:
    void incomingConnection(qintptr handle) override;

private:
    struct Watch;
    /// Takes one accepted connection (on this guard's thread).
    void take(qintptr handle);
    void onReadyRead(Watch *watch);
    void refuse(Watch *watch, int status, const QString &code);

    Limits m_limits;
    QObject *m_http;
    Refusal m_refusal;
    /// Shared by the lanes (join): `maxConnections` holds for the whole service.
    std::shared_ptr<std::atomic<int>> m_open = std::make_shared<std::atomic<int>>(0);
    bool m_draining = false;
    bool m_joined = false; ///< shares the first lane's socket (join): never accepts itself
    QList<QPointer<ConnectionGuard>> m_lanes; ///< guards sharing the connections, this one first
    qsizetype m_next = 0;
};

} // namespace remise::api
