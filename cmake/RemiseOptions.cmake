# One INTERFACE target carries the project's compile options and strict Qt defines;
# every Remise target links it.
add_library(remise_options INTERFACE)
add_library(Remise::options ALIAS remise_options)

target_compile_definitions(remise_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_USE_QSTRINGBUILDER
  QT_NO_FOREACH
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_DISABLE_DEPRECATED_BEFORE=0x060400
)

target_compile_options(remise_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2
  $<$<BOOL:${REMISE_WERROR}>:-Werror>
  # GCC 12 at -O2 reports out-of-bounds copies inside Qt's QStringBuilder once it has inlined
  # Qt's shared empty string: known false positives in Qt's headers, not in our code.
  # (-Wnull-dereference is left out for the same reason: it fires inside an inlined QHash.)
  $<$<CXX_COMPILER_ID:GNU>:-Wno-array-bounds -Wno-stringop-overflow -Wno-stringop-overread>
)
