// The customer file readers, CSV and JSON, on the same bytes.

#include "customerfile.h"

#include <cstdint>

using namespace remise;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)customerfile::parseCsv(bytes, QStringLiteral("fuzz.csv"));
    (void)customerfile::parseJson(bytes, QStringLiteral("fuzz.json"));
    return 0;
}
