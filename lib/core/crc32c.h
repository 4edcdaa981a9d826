/* crc32c.h — CRC-32C (Castagnoli, the iSCSI and ext4 checksum): with the SSE4.2 crc32
 * instruction where the processor has it (about 1 ms for a 10 MB model), else a table. The
 * mapped entity models are checked with it at every load. */
#ifndef NF_CRC32C_H
#define NF_CRC32C_H
#include <stddef.h>
#include <stdint.h>

/* the CRC-32C of p[0..n), continuing crc (0 to begin) */
uint32_t nf_crc32c(uint32_t crc, const void *p, size_t n);
#endif
