#include "transport.h"

#include <QBasicTimer>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QTimerEvent>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::stripe {

namespace {

constexpr qsizetype maxHeaderBytes = 64 * 1024;

bool isSafe(QByteArrayView bytes)
{
    return std::none_of(bytes.begin(), bytes.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

} // namespace

QByteArray HttpReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

struct Transport::Exchange
{
    HttpRequest request;
    Callback done;
    QDeadlineTimer deadline;
    bool resent = false; ///< already sent again after a kept-alive connection had closed
};

struct Transport::Pool
{
    bool tls = false;
    QString host;
    quint16 port = 0;
    QByteArray hostHeader;
    QList<Connection *> connections; ///< all, busy and idle
    QList<Connection *> idle;        ///< most recently used last
    std::deque<std::shared_ptr<Exchange>> queue;
    QTimer queueTimer; ///< fires at the earliest queued deadline
};

// One connection to one host: sends one request at a time and reads its answer.
class Transport::Connection : public QObject
{
public:
    Connection(Transport &transport, Pool &pool)
        : QObject(&transport)
        , m_transport(transport)
        , m_pool(pool)
    {
        if (pool.tls) {
            auto *ssl = new QSslSocket(this);
            m_socket = ssl;
            connect(ssl, &QSslSocket::encrypted, this, &Connection::onConnected);
        } else {
            m_socket = new QTcpSocket(this);
            connect(m_socket, &QTcpSocket::connected, this, &Connection::onConnected);
        }
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { lost(QString()); });
        connect(m_socket, &QTcpSocket::errorOccurred, this,
                [this] { lost(m_socket->errorString()); });
        if (pool.tls)
            static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(pool.host, pool.port);
        else
            m_socket->connectToHost(pool.host, pool.port);
    }

    ~Connection() override
    {
        m_socket->disconnect(this);
        m_socket->abort();
    }

    Pool &pool() const { return m_pool; }
    bool isReusable(std::chrono::milliseconds maxIdle) const
    {
        return m_socket->state() == QAbstractSocket::ConnectedState && m_idle.isValid() &&
               m_idle.elapsed() < maxIdle.count();
    }

    void begin(std::shared_ptr<Exchange> exchange)
    {
        m_exchange = std::move(exchange);
        m_idle.invalidate();
        resetAnswer();
        m_timer.start(std::max<qint64>(1, m_exchange->deadline.remainingTime()), this);
        if (m_connected)
            write();
    }

    void close()
    {
        m_closing = true;
        m_timer.stop();
        m_socket->disconnect(this);
        m_socket->abort();
        deleteLater();
    }

protected:
    void timerEvent(QTimerEvent *event) override
    {
        if (event->timerId() != m_timer.timerId())
            return QObject::timerEvent(event);
        m_timer.stop();
        if (!m_exchange)
            return;
        HttpReply reply;
        reply.failure = HttpReply::Failure::Timeout;
        reply.errorString = u"no whole answer within the time allowed"_s;
        fail(std::move(reply), false);
    }

private:
    enum class BodyMode { Length, Chunked, UntilClose };

    void resetAnswer()
    {
        m_in.clear();
        m_headersDone = false;
        m_received = false;
        m_reply = HttpReply();
        m_bodyMode = BodyMode::Length;
        m_bodyLength = 0;
        m_chunkPos = 0;
        m_keepAlive = true;
    }

    void onConnected()
    {
        m_connected = true;
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (m_exchange)
            write();
    }

    void write()
    {
        const HttpRequest &request = m_exchange->request;
        QByteArray target = request.url.path(QUrl::FullyEncoded).toLatin1();
        if (target.isEmpty())
            target = "/";
        if (request.url.hasQuery())
            target += '?' + request.url.query(QUrl::FullyEncoded).toLatin1();
        QByteArray out;
        out.reserve(256 + target.size() + request.body.size());
        out += request.method + ' ' + target + " HTTP/1.1\r\nHost: " + m_pool.hostHeader + "\r\n";
        for (const auto &[name, value] : request.headers)
            out += name + ": " + value + "\r\n";
        if (request.method != "GET")
            out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
        out += "\r\n";
        out += request.body;
        m_socket->write(out);
    }

    void onReadyRead()
    {
        if (!m_exchange) { // an idle connection has nothing to say: it is no longer reliable
            m_socket->readAll();
            m_transport.dropped(this, nullptr, HttpReply(), false);
            return;
        }
        m_in += m_socket->readAll();
        m_received = true;
        parse();
    }

    // Reads what has come of the answer; completes the exchange when it is whole.
    void parse()
    {
        while (!m_headersDone) {
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_in.size() > maxHeaderBytes)
                    return protocolError(u"the answer's headers exceed 64 KiB"_s);
                return;
            }
            if (!parseHead(QByteArrayView(m_in).first(end)))
                return;
            m_in.remove(0, end + 4);
        }
        switch (m_bodyMode) {
        case BodyMode::Length:
            if (m_in.size() < m_bodyLength)
                return;
            if (m_in.size() > m_bodyLength) // bytes nobody asked for
                m_keepAlive = false;
            m_reply.body = m_in.left(m_bodyLength);
            return complete();
        case BodyMode::Chunked:
            return parseChunks();
        case BodyMode::UntilClose:
            if (m_in.size() > m_transport.m_options.maxResponseBytes)
                return protocolError(u"the answer exceeds the size allowed"_s);
            return; // completed when the connection closes
        }
    }

    bool parseHead(QByteArrayView head)
    {
        const qsizetype lineEnd = head.indexOf("\r\n");
        const QByteArrayView statusLine = lineEnd < 0 ? head : head.first(lineEnd);
        // "HTTP/1.1 200 OK"
        if (statusLine.size() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine[8] != ' ') {
            protocolError(u"the answer does not start with an HTTP/1.x status line"_s);
            return false;
        }
        bool ok = false;
        const int status = statusLine.sliced(9, 3).toInt(&ok);
        if (!ok || status < 100 || status > 599) {
            protocolError(u"the answer's status is not a number from 100 to 599"_s);
            return false;
        }
        const bool http10 = statusLine[7] == '0';
        QList<QPair<QByteArray, QByteArray>> headers;
        qsizetype pos = lineEnd < 0 ? head.size() : lineEnd + 2;
        while (pos < head.size()) {
            qsizetype next = head.indexOf("\r\n", pos);
            if (next < 0)
                next = head.size();
            const QByteArrayView line = head.sliced(pos, next - pos);
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                protocolError(u"the answer has a header line without a name"_s);
                return false;
            }
            headers.append({line.first(colon).trimmed().toByteArray(),
                            line.sliced(colon + 1).trimmed().toByteArray()});
            pos = next + 2;
        }
        if (status < 200) // 100 Continue and the like: the real answer follows
            return true;
        m_reply.status = status;
        m_reply.headers = std::move(headers);
        m_headersDone = true;

        const QByteArray connection = m_reply.header("Connection").toLower();
        m_keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        const QByteArray encoding = m_reply.header("Transfer-Encoding").toLower();
        const QByteArray length = m_reply.header("Content-Length");
        if (status == 204 || status == 304) {
            m_bodyMode = BodyMode::Length;
            m_bodyLength = 0;
        } else if (!encoding.isEmpty()) {
            if (!encoding.endsWith("chunked")) {
                m_bodyMode = BodyMode::UntilClose;
                m_keepAlive = false;
            } else {
                m_bodyMode = BodyMode::Chunked;
            }
        } else if (!length.isEmpty()) {
            m_bodyLength = length.toLongLong(&ok);
            if (!ok || m_bodyLength < 0) {
                protocolError(u"the answer's Content-Length is not a number"_s);
                return false;
            }
            if (m_bodyLength > m_transport.m_options.maxResponseBytes) {
                protocolError(u"the answer exceeds the size allowed"_s);
                return false;
            }
            m_bodyMode = BodyMode::Length;
        } else {
            m_bodyMode = BodyMode::UntilClose;
            m_keepAlive = false;
        }
        return true;
    }

    void parseChunks()
    {
        for (;;) {
            const qsizetype lineEnd = m_in.indexOf("\r\n", m_chunkPos);
            if (lineEnd < 0) {
                if (m_in.size() - m_chunkPos > 4096)
                    return protocolError(u"the answer's chunk size line is too long"_s);
                return;
            }
            QByteArrayView sizeText = QByteArrayView(m_in).sliced(m_chunkPos, lineEnd - m_chunkPos);
            if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
                sizeText = sizeText.first(semicolon); // chunk extensions
            bool ok = false;
            const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return protocolError(u"the answer's chunk size is not a hex number"_s);
            if (size == 0) {
                // Trailers (ignored) end with an empty line.
                const qsizetype end = m_in.indexOf("\r\n\r\n", lineEnd);
                const bool noTrailers = m_in.size() >= lineEnd + 4 &&
                                        QByteArrayView(m_in).sliced(lineEnd, 4) == "\r\n\r\n";
                if (end < 0 && !noTrailers)
                    return;
                const qsizetype after = noTrailers ? lineEnd + 4 : end + 4;
                if (m_in.size() > after)
                    m_keepAlive = false;
                return complete();
            }
            if (m_reply.body.size() + size > m_transport.m_options.maxResponseBytes)
                return protocolError(u"the answer exceeds the size allowed"_s);
            if (m_in.size() < lineEnd + 2 + size + 2)
                return;
            m_reply.body.append(QByteArrayView(m_in).sliced(lineEnd + 2, size));
            m_chunkPos = lineEnd + 2 + size + 2;
        }
    }

    void complete()
    {
        m_timer.stop();
        auto exchange = std::move(m_exchange);
        m_exchange = nullptr;
        m_in.clear();
        m_idle.start();
        m_transport.finished(this, std::move(exchange), std::move(m_reply), m_keepAlive);
    }

    void protocolError(const QString &message)
    {
        HttpReply reply;
        reply.failure = HttpReply::Failure::Protocol;
        reply.errorString = message;
        fail(std::move(reply), false);
    }

    void fail(HttpReply reply, bool resendable)
    {
        m_timer.stop();
        auto exchange = std::move(m_exchange);
        m_exchange = nullptr;
        m_closing = true;
        m_transport.dropped(this, std::move(exchange), std::move(reply), resendable);
    }

    // The connection closed or failed.
    void lost(const QString &error)
    {
        if (m_closing)
            return;
        if (!m_exchange) { // an idle connection closed by the server: forget it
            m_closing = true;
            m_transport.dropped(this, nullptr, HttpReply(), false);
            return;
        }
        if (m_headersDone && m_bodyMode == BodyMode::UntilClose) {
            m_in += m_socket->readAll();
            m_reply.body = m_in;
            m_keepAlive = false;
            m_closing = true;
            m_timer.stop();
            auto exchange = std::move(m_exchange);
            m_exchange = nullptr;
            m_transport.finished(this, std::move(exchange), std::move(m_reply), false);
            return;
        }
        HttpReply reply;
        reply.failure = HttpReply::Failure::Connection;
        reply.errorString =
            error.isEmpty() ? u"the connection closed before the whole answer"_s : error;
        // A kept-alive connection the server had already closed: nothing was processed.
        const bool resendable = m_served > 0 && !m_received;
        fail(std::move(reply), resendable);
    }

public:
    int m_served = 0; ///< exchanges completed on this connection

private:
    Transport &m_transport;
    Pool &m_pool;
    QTcpSocket *m_socket = nullptr;
    std::shared_ptr<Exchange> m_exchange;
    QBasicTimer m_timer;
    QElapsedTimer m_idle;
    bool m_connected = false;
    bool m_closing = false;

    QByteArray m_in;
    bool m_headersDone = false;
    bool m_received = false;
    HttpReply m_reply;
    BodyMode m_bodyMode = BodyMode::Length;
    qint64 m_bodyLength = 0;
    qsizetype m_chunkPos = 0;
    bool m_keepAlive = true;
};

Transport::Transport(QObject *parent)
    : Transport(Options{}, parent)
{}

Transport::Transport(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_options.maxConnectionsPerHost = std::max(1, m_options.maxConnectionsPerHost);
}

Transport::~Transport()
{
    for (Pool *pool : std::as_const(m_pools)) {
        for (Connection *connection : std::as_const(pool->connections))
            delete connection;
        delete pool;
    }
}

int Transport::openConnections() const
{
    int count = 0;
    for (const Pool *pool : m_pools)
        count += int(pool->connections.size());
    return count;
}

Transport::Pool &Transport::poolFor(const QUrl &url)
{
    const bool tls = url.scheme() == u"https";
    const int port = url.port(tls ? 443 : 80);
    const QString host = url.host(QUrl::FullyEncoded);
    const QString key = url.scheme() + u"://"_s + host + u':' + QString::number(port);
    if (Pool *existing = m_pools.value(key))
        return *existing;
    auto *pool = new Pool;
    pool->tls = tls;
    pool->host = url.host();
    pool->port = quint16(port);
    QByteArray hostHeader = host.toLatin1();
    if (hostHeader.contains(':'))
        hostHeader = '[' + hostHeader + ']';
    if (port != (tls ? 443 : 80))
        hostHeader += ':' + QByteArray::number(port);
    pool->hostHeader = hostHeader;
    pool->queueTimer.setSingleShot(true);
    connect(&pool->queueTimer, &QTimer::timeout, this, [this, pool] { dispatch(*pool); });
    m_pools.insert(key, pool);
    return *pool;
}

void Transport::send(HttpRequest request, Callback done)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->deadline = QDeadlineTimer(request.timeout);
    exchange->done = std::move(done);

    QString problem;
    const QString scheme = request.url.scheme();
    if (!request.url.isValid() || (scheme != u"http" && scheme != u"https") ||
        request.url.host().isEmpty())
        problem = u"not an http or https URL"_s;
    else if (!isSafe(request.method) ||
             std::any_of(request.headers.cbegin(), request.headers.cend(),
                         [](const auto &h) { return !isSafe(h.first) || !isSafe(h.second); }))
        problem = u"a header or the method contains a line break"_s;
    if (!problem.isEmpty()) {
        QTimer::singleShot(0, this, [this, exchange, problem] {
            HttpReply reply;
            reply.failure = HttpReply::Failure::Connection;
            reply.errorString = problem;
            emit exchanged(exchange->request.method, 0);
            exchange->done(reply);
        });
        exchange->request = std::move(request);
        return;
    }
    exchange->request = std::move(request);
    Pool &pool = poolFor(exchange->request.url);
    pool.queue.push_back(std::move(exchange));
    dispatch(pool);
}

// Starts what is queued while connections allow; fails what waited past its deadline.
void Transport::dispatch(Pool &pool)
{
    while (!pool.queue.empty()) {
        std::shared_ptr<Exchange> exchange = pool.queue.front();
        if (exchange->deadline.hasExpired()) {
            pool.queue.pop_front();
            HttpReply reply;
            reply.failure = HttpReply::Failure::Timeout;
            reply.errorString = u"no connection became free within the time allowed"_s;
            emit exchanged(exchange->request.method, 0);
            exchange->done(reply); // may send again: the queue is read afresh
            continue;
        }
        Connection *connection = nullptr;
        while (!pool.idle.isEmpty() && !connection) {
            Connection *candidate = pool.idle.takeLast();
            if (candidate->isReusable(m_options.maxIdle)) {
                connection = candidate;
            } else {
                pool.connections.removeOne(candidate);
                candidate->close();
            }
        }
        if (!connection) {
            if (pool.connections.size() >= m_options.maxConnectionsPerHost)
                break;
            connection = new Connection(*this, pool);
            pool.connections.append(connection);
        }
        pool.queue.pop_front();
        connection->begin(std::move(exchange));
    }
    // Wake up at the earliest deadline of what still waits.
    if (!pool.queue.empty()) {
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (const auto &waiting : pool.queue)
            earliest = std::min(earliest, waiting->deadline.remainingTime());
        pool.queueTimer.start(int(std::clamp<qint64>(earliest, 0, 24 * 3600 * 1000)));
    } else {
        pool.queueTimer.stop();
    }
}

void Transport::finished(Connection *connection, std::shared_ptr<Exchange> exchange,
                         HttpReply reply, bool keepConnection)
{
    Pool &pool = connection->pool();
    ++connection->m_served;
    if (keepConnection) {
        pool.idle.append(connection);
    } else {
        pool.connections.removeOne(connection);
        connection->close();
    }
    dispatch(pool);
    emit exchanged(exchange->request.method, reply.status);
    if (exchange->done)
        exchange->done(reply);
}

void Transport::dropped(Connection *connection, std::shared_ptr<Exchange> exchange, HttpReply reply,
                        bool resendable)
{
    Pool &pool = connection->pool();
    pool.connections.removeOne(connection);
    pool.idle.removeOne(connection);
    connection->close();
    if (exchange && resendable && !exchange->resent && !exchange->deadline.hasExpired()) {
        exchange->resent = true;
        pool.queue.push_front(std::move(exchange));
        dispatch(pool);
        return;
    }
    dispatch(pool);
    if (!exchange)
        return;
    emit exchanged(exchange->request.method, 0);
    if (exchange->done)
        exchange->done(reply);
}

} // namespace remise::stripe
