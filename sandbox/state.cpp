#include "state.h"

using namespace Qt::StringLiterals;

namespace remise::sandbox {

QString State::newId(const QString &prefix, int length)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id = prefix + u'_';
    for (int i = 0; i < length; ++i)
        id += QLatin1Char(alphabet[m_random.bounded(62)]);
    return id;
}

} // namespace remise::sandbox
