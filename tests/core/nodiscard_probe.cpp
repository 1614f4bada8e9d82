// Built only by the test result_is_nodiscard, which expects this file NOT to compile: a Status
// or Result that is dropped must be a compile error (warnings are errors), in every module.

#include "result.h"

namespace {
remise::Status save()
{
    return remise::fail(remise::errc::database, QStringLiteral("disk full"));
}
remise::Result<int> count()
{
    return 1;
}
} // namespace

void probe()
{
    save();
    count();
}
