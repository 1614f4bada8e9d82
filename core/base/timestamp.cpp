#include "timestamp.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace remise {

std::optional<QDateTime> parseIsoTime(QStringView text)
{
    static const QRegularExpression shape(
        u"^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2})?)(?:[.,](\\d+))?(Z|[+-]\\d{2}:\\d{2})$"_s);
    const QRegularExpressionMatch m = shape.match(text.toString());
    if (!m.hasMatch())
        return std::nullopt;
    const QStringView head = m.capturedView(1);
    const QStringView fraction = m.capturedView(2);
    if (!fraction.isEmpty() && head.size() != 19)
        return std::nullopt; // a fraction belongs to the seconds
    // Qt reads exactly milliseconds: the fraction is cut or padded to three digits.
    QString normal = head.toString();
    if (!fraction.isEmpty()) {
        QString millis = fraction.first(std::min<qsizetype>(fraction.size(), 3)).toString();
        while (millis.size() < 3)
            millis += u'0';
        normal += u'.' + millis;
    }
    normal += m.capturedView(3);
    const QDateTime time = QDateTime::fromString(normal, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time;
}

} // namespace remise
