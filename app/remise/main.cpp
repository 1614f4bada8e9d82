// remise: the desktop app. Everything lives in the ui library (ui/application.h).

#include "application.h"

int main(int argc, char *argv[])
{
    return remise::ui::run(argc, argv);
}
