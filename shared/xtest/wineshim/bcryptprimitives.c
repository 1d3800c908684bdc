/*
 * bcryptprimitives.dll with the one function Go's Windows runtime needs,
 * ProcessPrng, for Wine versions that lack the DLL (Debian 12's Wine 8.0):
 * without it a Go program (Go 1.26 here) stops at start with
 * "fatal error: bcryptprimitives.dll not found". xtest.Wine
 * builds it with mingw-w64 into its Wine prefix only; Windows 10 and later
 * have the real DLL. ProcessPrng fills data with random bytes from
 * BCryptGenRandom, the system's preferred generator, which Wine has.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
