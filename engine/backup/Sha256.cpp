#include "backup/Sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace vigil {

Sha256::Sha256()
    : m_context(EVP_MD_CTX_new())
{
    if (!m_context || EVP_DigestInit_ex(m_context, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL cannot start a SHA-256 digest");
}

Sha256::~Sha256() { EVP_MD_CTX_free(m_context); }

void Sha256::addData(QByteArrayView data)
{
    if (EVP_DigestUpdate(m_context, data.data(), static_cast<std::size_t>(data.size())) != 1)
        throw std::runtime_error("OpenSSL's SHA-256 failed");
}

QByteArray Sha256::result()
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_context, reinterpret_cast<unsigned char *>(digest.data()), &length) != 1
        || EVP_DigestInit_ex(m_context, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL's SHA-256 failed");
    digest.resize(static_cast<qsizetype>(length));
    return digest;
}

QByteArray Sha256::hash(QByteArrayView data)
{
    Sha256 h;
    h.addData(data);
    return h.result();
}

} // namespace vigil
