#pragma once
// Runs the real vigil binary (VIGIL_BINARY, set by CTest) as an operator's shell would: its
// own XDG data and configuration homes under a test directory, no display, and whatever
// drill variables a test sets; waits up to two minutes.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace vigil::testing {

struct VigilRun {
    int exitCode = -1; ///< -1 when it did not exit normally
    bool crashed = false;
    QString out;
    QString err;
    QString lastLine() const { return out.trimmed().section(QLatin1Char('\n'), -1); }
};

/// `extra` is added to the environment; `input` is written to its stdin.
inline VigilRun runVigil(const QString &home, const QStringList &args, const QProcessEnvironment &extra = {},
                         const QByteArray &input = {})
{
    QProcess p;
    p.setProgram(qEnvironmentVariable("VIGIL_BINARY"));
    p.setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(extra);
    p.setProcessEnvironment(env);
    p.start();
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120'000))
        p.kill();
    const bool normal = p.exitStatus() == QProcess::NormalExit;
    return {normal ? p.exitCode() : -1, !normal, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace vigil::testing
