#include "server.h"

#include "json.h"
#include "logging.h"

#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace remise::http {

QByteArray Request::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool Request::hasHeader(QByteArrayView name) const
{
    for (const auto &entry : headers)
        if (QByteArrayView(entry.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

Response Response::json(int status, const QJsonObject &object)
{
    Response r;
    r.status = status;
    r.body = json::write(object, json::Style::Pretty);
    return r;
}

Response Response::text(int status, const QByteArray &text)
{
    Response r;
    r.status = status;
    r.body = text;
    r.contentType = "text/plain; charset=utf-8";
    return r;
}

Response &Response::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return "GET";
    case M::Put:
        return "PUT";
    case M::Delete:
        return "DELETE";
    case M::Post:
        return "POST";
    case M::Head:
        return "HEAD";
    case M::Options:
        return "OPTIONS";
    case M::Patch:
        return "PATCH";
    case M::Connect:
        return "CONNECT";
    case M::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 424:
        return "Failed Dependency";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

bool isHeaderName(QByteArrayView name)
{
    // RFC 9110 token: visible ASCII except separators.
    static constexpr QByteArrayView separators = "\"(),/:;<=>?@[\\]{}";
    if (name.isEmpty())
        return false;
    for (const char c : name)
        if (c <= 0x20 || c >= 0x7f || separators.contains(c))
            return false;
    return true;
}

bool isSafeHeaderValue(QByteArrayView value)
{
    for (const char c : value)
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    return true;
}

namespace {

class SocketResponder final : public Responder
{
public:
    SocketResponder(QHttpServerResponder responder, QTcpSocket *socket, bool closeAfter)
        : m_responder(std::move(responder))
        , m_socket(socket)
        , m_closeAfter(closeAfter)
    {}

    void send(const Response &response) override
    {
        if (!claim())
            return;
        // The status line is written by hand so that any code (422, 429, …) goes out with its
        // proper reason phrase.
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                          reasonPhrase(response.status) + "\r\n";
        // A header that would break the head (CR, LF or NUL in its value, a name that is not
        // an HTTP token) is left out, never sent: no response splitting whatever a handler
        // puts in a header (an id, a redirect target from a request).
        if (isSafeHeaderValue(response.contentType))
            head += "Content-Type: " + response.contentType + "\r\n";
        else
            qCWarning(lcHttp) << "unsafe Content-Type left out";
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        for (const auto &[name, value] : response.headers) {
            if (isHeaderName(name) && isSafeHeaderValue(value))
                head += name + ": " + value + "\r\n";
            else
                qCWarning(lcHttp) << "unsafe header left out:" << name.left(64).toPercentEncoding();
        }
        if (m_closeAfter)
            head += "Connection: close\r\n";
        head += "\r\n";
        // One write for head and body, without Nagle's delay: two writes (or a held-back
        // last segment) meet the client's delayed ACK and cost ~40 ms per answer on loopback.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_socket->write(head + response.body);
        if (m_closeAfter)
            m_socket->disconnectFromHost(); // after the pending bytes are written
    }

    void drop() override
    {
        if (!claim())
            return;
        m_socket->abort();
    }

    void sendRaw(const QByteArray &bytes) override
    {
        if (!claim())
            return;
        m_socket->write(bytes);
        m_socket->disconnectFromHost();
    }

    bool isOpen() const override
    {
        return !m_done && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
    }

private:
    bool claim()
    {
        if (!isOpen())
            return false;
        m_done = true;
        return true;
    }

    QHttpServerResponder m_responder; // kept alive for the request's lifetime
    QPointer<QTcpSocket> m_socket;
    bool m_closeAfter = false; ///< the client asked for "Connection: close"
    bool m_done = false;
};

// HTTP/1.1 keeps connections open unless the client says otherwise.
bool wantsClose(const QHttpServerRequest &request)
{
    for (const auto &[name, value] : request.headers())
        if (name.compare("Connection", Qt::CaseInsensitive) == 0)
            return value.trimmed().compare("close", Qt::CaseInsensitive) == 0;
    return false;
}

// The server's own answers (no route, wrong method) are plain text: the error shape of an API
// (Stripe's in the sandbox, the service's own) belongs to its fallback handlers.
Response errorResponse(int status, const QString &message)
{
    return Response::text(status, reasonPhrase(status) + ": " + message.toUtf8() + '\n');
}

} // namespace

struct Server::Route
{
    QByteArray method;
    QStringList segments;
    bool wildcard = false;
    Handler handler;

    // Matches the path; fills placeholders.
    bool matches(const QStringList &path, QStringList *params) const
    {
        if (wildcard ? path.size() < segments.size() : path.size() != segments.size())
            return false;
        QStringList found;
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const QString &s = segments.at(i);
            if (s.startsWith(u'{') && s.endsWith(u'}')) {
                if (path.at(i).isEmpty())
                    return false;
                found.append(path.at(i));
            } else if (s != path.at(i)) {
                return false;
            }
        }
        if (wildcard)
            found.append(path.mid(segments.size()).join(u'/'));
        *params = found;
        return true;
    }
};

Server::Server(QObject *parent)
    : QAbstractHttpServer(parent)
{
    m_fallback = [](const Request &request, std::shared_ptr<Responder> responder) {
        responder->send(
            errorResponse(404, u"Unrecognized request URL (%1: %2)."_s.arg(
                                   QString::fromLatin1(request.methodName), request.path)));
    };
    m_methodNotAllowed = [](const Request &request, std::shared_ptr<Responder> responder) {
        responder->send(
            errorResponse(405, u"%1 is not allowed on %2."_s.arg(
                                   QString::fromLatin1(request.methodName), request.path)));
    };
}

Server::~Server() = default;

void Server::route(QByteArrayView method, const QString &pattern, Handler handler)
{
    Route r;
    r.method = method.toByteArray();
    QString p = pattern;
    if (p.endsWith(u"/*"_s)) {
        r.wildcard = true;
        p.chop(2);
    }
    r.segments = p.split(u'/', Qt::SkipEmptyParts);
    r.handler = std::move(handler);
    m_routes.append(std::move(r));
}

void Server::setFilter(
    std::function<bool(const Request &, const std::shared_ptr<Responder> &)> filter)
{
    m_filter = std::move(filter);
}

void Server::setFallback(Handler handler)
{
    m_fallback = std::move(handler);
}

void Server::setMethodNotAllowed(Handler handler)
{
    m_methodNotAllowed = std::move(handler);
}

quint16 Server::listenOn(const QHostAddress &address, quint16 port)
{
    return listen(address, port);
}

bool Server::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Request r;
    r.method = request.method();
    r.methodName = methodName(request.method());
    r.path = request.url().path(QUrl::FullyDecoded);
    r.query = request.query();
    r.headers = request.headers();
    r.body = request.body();
    r.remoteAddress = request.remoteAddress();
    auto responder = std::make_shared<SocketResponder>(makeResponder(request, socket), socket,
                                                       wantsClose(request));

    if (m_filter && m_filter(r, responder))
        return true;

    const QStringList path = r.path.split(u'/', Qt::SkipEmptyParts);
    bool pathKnown = false;
    for (const Route &route : std::as_const(m_routes)) {
        QStringList params;
        if (!route.matches(path, &params))
            continue;
        pathKnown = true;
        if (route.method != r.methodName)
            continue;
        r.pathParams = params;
        route.handler(r, responder);
        return true;
    }
    (pathKnown ? m_methodNotAllowed : m_fallback)(r, responder);
    return true;
}

void Server::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    SocketResponder responder(makeResponder(request, socket), socket, wantsClose(request));
    responder.send(errorResponse(404, u"Unrecognized request URL."_s));
}

} // namespace remise::http
