#pragma once
// SHA-256 through OpenSSL's libcrypto, for the backups' checksums. QCryptographicHash gives
// the same digests but hashes at about 160 MB/s on this class of machine, where libcrypto
// uses the CPU's SHA extensions (about 1.6 GB/s): a 250 MB journal is hashed twice per
// backup, so that is seconds per backup (docs/PERFORMANCE.md, vigil-bench backup).
// One object per stream; any thread.

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

struct evp_md_ctx_st;

namespace vigil {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    /// The 32-byte digest of everything added; the object starts afresh.
    QByteArray result();

    static QByteArray hash(QByteArrayView data);

private:
    evp_md_ctx_st *m_context;
};

} // namespace vigil
