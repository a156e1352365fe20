/*
 * gunzip-baseline: decompress a .gz file with zlib and count the bytes, nothing else.
 *
 * The floor for `walog analyze file.gz`: walog cannot be faster on gzip input than the
 * decoder it feeds on. Same settings as the research measurement (swift-style-and-io.md §3.2):
 * gzread with a 1 MiB buffer and a 256 KiB gzbuffer. gzread continues across concatenated
 * gzip members (pigz --independent, `cat a.gz b.gz`), so multi-member files count in full.
 *
 * Build: cc -O2 -o gunzip-baseline gunzip-baseline.c -lz
 * Usage: gunzip-baseline FILE.gz      prints the decompressed byte count
 */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

enum { READ_SIZE = 1 << 20, GZ_BUFFER = 256 << 10 };

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.gz\n", argv[0]);
        return 2;
    }
    gzFile file = gzopen(argv[1], "rb");
    if (file == NULL) {
        perror(argv[1]);
        return 1;
    }
    gzbuffer(file, GZ_BUFFER);
    unsigned char *buffer = malloc(READ_SIZE);
    if (buffer == NULL) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        return 1;
    }
    unsigned long long total = 0;
    int n;
    while ((n = gzread(file, buffer, READ_SIZE)) > 0)
        total += (unsigned long long)n;
    if (n < 0) {
        int code;
        const char *message = gzerror(file, &code);
        fprintf(stderr, "%s: %s: %s\n", argv[0], argv[1], message);
        gzclose(file);
        return 1;
    }
    /* gzread stops quietly at a truncated member; gzclose_r reports it. */
    int closed = gzclose(file);
    if (closed != Z_OK) {
        fprintf(stderr, "%s: %s: truncated or corrupt gzip data (zlib %d)\n", argv[0], argv[1], closed);
        return 1;
    }
    free(buffer);
    printf("%llu\n", total);
    return 0;
}
