// The campaign file reader (`remise/1`): any bytes are refused with an error or read into a
// rule book that writes back and reads again to the same thing.

#include "campaignfile.h"

#include <cstdint>
#include <cstdlib>

using namespace remise;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto set = campaignfile::parse(bytes, QStringLiteral("fuzz"));
    if (!set)
        return 0;
    // What was accepted round-trips through the writer.
    const auto again = campaignfile::parse(campaignfile::write(*set), QStringLiteral("again"));
    if (!again)
        std::abort();
    return 0;
}
