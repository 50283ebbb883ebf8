#pragma once
// <qcustomplot.h> is written with Qt's keyword macros (signals, foreach), which this
// project switches off with QT_NO_KEYWORDS. This header restores them for that one
// include and removes them again, so the rest of the code keeps Q_SIGNALS and Q_EMIT.
// Thread affinity: QCustomPlot is a widget, GUI thread only.

#ifndef signals
#define signals Q_SIGNALS
#define VIGIL_RESTORED_SIGNALS
#endif
#ifndef foreach
#define foreach Q_FOREACH
#define VIGIL_RESTORED_FOREACH
#endif

#include <qcustomplot.h>

#ifdef VIGIL_RESTORED_SIGNALS
#undef signals
#undef VIGIL_RESTORED_SIGNALS
#endif
#ifdef VIGIL_RESTORED_FOREACH
#undef foreach
#undef VIGIL_RESTORED_FOREACH
#endif
