#include "connectionguard.h"

#include "apierrors.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace remise::api {

namespace {
// Watch has no meta-object of its own (findChild<Watch *> would return any child of the socket,
// such as its socket engine): it is found by this name.
const QString watchName = QStringLiteral("remise.connection.watch");
} // namespace

/// One connection's bookkeeping: where the current request stands, byte by byte.
struct ConnectionGuard::Watch : QObject
{
    explicit Watch(QObject *parent)
        : QObject(parent)
    {
        setObjectName(watchName);
    }
    QTcpSocket *socket = nullptr;
    QByteArray head;      ///< the current request's head so far
    qint64 bodyLeft = -1; ///< bytes of body still to come; -1 while reading the head
    bool awaitingAnswer = false;
    QTimer deadline; ///< the current request must have fully arrived by then
    QTimer idle;
};

ConnectionGuard::ConnectionGuard(const Limits &limits, QObject *http, Refusal refusal,
                                 QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_http(http)
    , m_refusal(std::move(refusal))
{}

void ConnectionGuard::drain()
{
    m_draining = true;
    close();
    for (QTcpSocket *socket : findChildren<QTcpSocket *>()) {
        auto *watch = static_cast<Watch *>(
            socket->findChild<QObject *>(watchName, Qt::FindDirectChildrenOnly));
        if (watch && watch->head.isEmpty() && watch->bodyLeft < 0 && !watch->awaitingAnswer)
            socket->disconnectFromHost();
    }
}

bool ConnectionGuard::join(const ConnectionGuard &first)
{
    const int copy = ::dup(int(first.socketDescriptor()));
    if (copy < 0 || !setSocketDescriptor(copy)) {
        if (copy >= 0)
            ::close(copy);
        return false;
    }
    pauseAccepting(); // the first lane accepts for all
    m_joined = true;
    m_open = first.m_open;
    return true;
}

void ConnectionGuard::shareWith(const QList<ConnectionGuard *> &others)
{
    m_lanes = {this};
    for (ConnectionGuard *guard : others)
        m_lanes.append(guard);
}

qint64 ConnectionGuard::unsentBytes()
{
    qint64 unsent = 0;
    for (QTcpSocket *socket : findChildren<QTcpSocket *>()) {
        if (socket->state() != QAbstractSocket::ConnectedState)
            continue;
        socket->flush();
        unsent += socket->bytesToWrite();
    }
    return unsent;
}

void ConnectionGuard::incomingConnection(qintptr handle)
{
    if (m_lanes.size() > 1) {
        const QPointer<ConnectionGuard> lane = m_lanes.at(m_next);
        m_next = (m_next + 1) % m_lanes.size();
        if (lane && lane != this) {
            QMetaObject::invokeMethod(
                lane, [lane, handle] { lane->take(handle); }, Qt::QueuedConnection);
            return;
        }
    }
    take(handle);
}

void ConnectionGuard::take(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    if (*m_open >= m_limits.maxConnections || m_draining) {
        socket->write(
            m_refusal(503, m_draining ? apierrc::shuttingDown : u"too_many_connections"_s));
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        emit refused(u"too_many_connections"_s, 503);
        return;
    }
    ++*m_open;
    auto *watch = new Watch(socket);
    watch->socket = socket;
    watch->deadline.setSingleShot(true);
    watch->deadline.setInterval(m_limits.requestTimeout);
    watch->idle.setSingleShot(true);
    watch->idle.setInterval(m_limits.idleTimeout);
    connect(&watch->deadline, &QTimer::timeout, watch,
            [this, watch] { refuse(watch, 408, apierrc::requestTimeout); });
    connect(&watch->idle, &QTimer::timeout, watch, [watch] {
        if (watch->awaitingAnswer || !watch->head.isEmpty() || watch->bodyLeft >= 0)
            watch->idle.start(); // something is in progress: the deadline or the handler owns it
        else
            watch->socket->disconnectFromHost();
    });
    // Connected before QHttpServer's own handler (added when it takes the pending
    // connection), so the guard sees every byte first.
    connect(socket, &QTcpSocket::readyRead, watch, [this, watch] { onReadyRead(watch); });
    connect(socket, &QTcpSocket::bytesWritten, watch, [watch] {
        watch->awaitingAnswer = false;
        watch->idle.start();
    });
    connect(socket, &QTcpSocket::disconnected, this, [open = m_open] { --*open; });
    watch->idle.start();
    addPendingConnection(socket); // signals pendingConnectionAvailable, which the server takes
    // Taking it (nextPendingConnection) turned accepting back on: a lane that joined the first
    // one's socket must leave accepting to the first, or the lanes race for every connection.
    if (m_joined)
        pauseAccepting();
}

namespace {

// The value of a header in a raw head, or nullopt; `count` gets how often it appears.
std::optional<QByteArray> headerValue(const QList<QByteArray> &lines, QByteArrayView name,
                                      int *count)
{
    std::optional<QByteArray> found;
    *count = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        if (QByteArrayView(line.left(colon).trimmed()).compare(name, Qt::CaseInsensitive) == 0) {
            ++*count;
            found = line.mid(colon + 1).trimmed();
        }
    }
    return found;
}

bool isTokenChar(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// RFC 9112's grammar, strictly: "METHOD SP /target SP HTTP/1.x", then "name: value" lines
// with token names and no control characters (a bare CR or an obsolete folded line is how
// header injection and request smuggling attempts look).
bool wellFormed(const QList<QByteArray> &lines)
{
    const auto stripped = [](const QByteArray &line) {
        return line.endsWith('\r') ? line.chopped(1) : line;
    };
    const QByteArray requestLine = stripped(lines.value(0));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() ||
        !std::all_of(parts.at(0).begin(), parts.at(0).end(), isTokenChar) ||
        !(parts.at(1).startsWith('/') || parts.at(1) == "*") ||
        (parts.at(2) != "HTTP/1.1" && parts.at(2) != "HTTP/1.0"))
        return false;
    for (char c : parts.at(1))
        if (uchar(c) <= 0x20 || uchar(c) == 0x7f)
            return false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = stripped(lines.at(i));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return false;
        if (!std::all_of(line.begin(), line.begin() + colon, isTokenChar))
            return false;
        for (qsizetype k = colon + 1; k < line.size(); ++k) {
            const uchar c = uchar(line.at(k));
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                return false;
        }
    }
    return true;
}

} // namespace

void ConnectionGuard::onReadyRead(Watch *watch)
{
    QTcpSocket *socket = watch->socket;
    QByteArray data = socket->peek(socket->bytesAvailable());
    watch->idle.start();
    while (!data.isEmpty()) {
        if (watch->bodyLeft >= 0) { // inside a body
            const qint64 take = std::min<qint64>(watch->bodyLeft, data.size());
            watch->bodyLeft -= take;
            data.remove(0, take);
            if (watch->bodyLeft == 0) { // the request is complete: QHttpServer takes over
                watch->bodyLeft = -1;
                watch->deadline.stop();
                watch->awaitingAnswer = true;
            }
            continue;
        }
        if (watch->head.isEmpty()) {
            // Blank lines between requests are allowed (RFC 9112 §2.2).
            while (data.startsWith("\r\n"))
                data.remove(0, 2);
            if (data.isEmpty())
                break;
            watch->deadline.start();
        }
        const qsizetype before = watch->head.size();
        watch->head += data;
        const qsizetype end = watch->head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (watch->head.size() > m_limits.maxHeadBytes)
                return refuse(watch, 431, apierrc::headersTooLarge);
            break;
        }
        if (end + 4 > m_limits.maxHeadBytes)
            return refuse(watch, 431, apierrc::headersTooLarge);
        // The head is complete; what follows it belongs to the body (or the next request).
        data = watch->head.mid(end + 4);
        Q_UNUSED(before);
        const QList<QByteArray> lines = watch->head.left(end).split('\n');
        watch->head.clear();
        if (!wellFormed(lines))
            return refuse(watch, 400, apierrc::invalidRequest);
        int count = 0;
        if (headerValue(lines, "Transfer-Encoding", &count))
            return refuse(watch, 411, apierrc::lengthRequired);
        qint64 length = 0;
        if (const auto value = headerValue(lines, "Content-Length", &count)) {
            bool ok = false;
            length = value->toLongLong(&ok);
            if (!ok || length < 0 || count > 1 || value->isEmpty() ||
                !std::all_of(value->begin(), value->end(),
                             [](char c) { return c >= '0' && c <= '9'; }))
                return refuse(watch, 400, apierrc::invalidRequest);
            const bool large = lines.value(0).split(' ').value(1) == m_limits.largeBodyPath;
            if (length > (large ? m_limits.maxLargeBodyBytes : m_limits.maxBodyBytes))
                return refuse(watch, 413, apierrc::payloadTooLarge);
        }
        if (const auto expect = headerValue(lines, "Expect", &count);
            expect && expect->compare("100-continue", Qt::CaseInsensitive) == 0 && length > 0 &&
            data.isEmpty())
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        if (length > 0) {
            watch->bodyLeft = length;
        } else {
            watch->deadline.stop();
            watch->awaitingAnswer = true;
        }
    }
}

void ConnectionGuard::refuse(Watch *watch, int status, const QString &code)
{
    QTcpSocket *socket = watch->socket;
    // QHttpServer reads nothing more from this connection; the guard answers and closes.
    QObject::disconnect(socket, &QTcpSocket::readyRead, m_http, nullptr);
    watch->deadline.stop();
    watch->idle.stop();
    watch->head.clear();
    watch->bodyLeft = -1;
    emit refused(code, status);
    if (socket->state() == QAbstractSocket::ConnectedState) {
        socket->write(m_refusal(status, code));
        socket->disconnectFromHost();
    }
}

} // namespace remise::api
