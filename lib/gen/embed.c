/* embed.c — build tool: write a data file as a C string constant.
 *   embed SYMBOL FILE > out.c   gives  const char SYMBOL[]; const unsigned long SYMBOL_len; */
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: embed SYMBOL FILE\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	unsigned long n = 0;
	int c;
	printf("/* generated from %s by lib/gen/embed.c; do not edit */\nconst char %s[] =\n\"", argv[2], argv[1]);
	while ((c = getc(f)) != EOF) {
		printf("\\%03o", (unsigned)c);
		if (++n % 32 == 0)
			printf("\"\n\"");
	}
	printf("\";\nconst unsigned long %s_len = %luUL;\n", argv[1], n);
	if (ferror(f) || fclose(f) || fflush(stdout) || ferror(stdout)) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
