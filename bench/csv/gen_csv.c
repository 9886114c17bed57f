/* \file gen_csv.c
 * The synthetic CSV of the CSV benchmark: 11 columns (an id, six floats,
 * three integers, a category), about 1% "NA" in the number columns,
 * deterministic (splitmix64). Writes rows until the file reaches the size
 * asked for.
 *
 *   gen_csv OUT.csv MEGABYTES
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 42;
static uint64_t next(void) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: gen_csv OUT.csv MEGABYTES\n");
    return 2;
  }
  FILE *fp = fopen(argv[1], "wb");
  if (!fp) {
    perror(argv[1]);
    return 1;
  }
  static char buf[1 << 20];
  setvbuf(fp, buf, _IOFBF, sizeof buf);
  const int64_t target = (int64_t)(atof(argv[2]) * 1e6);
  static const char *cats[] = {"north", "south", "east", "west", "centre", "harbour", "airport", "suburb"};
  int64_t written = fprintf(fp, "id,price,qty_f,lat,lon,score,ratio,count,year,delta,region\n");
  for (int64_t id = 0; written < target; id++) {
    char row[512];
    int n = snprintf(row, sizeof row, "%" PRId64, id);
    /* Six floats of different shapes: prices, quantities, coordinates, scores. */
    for (int c = 0; c < 6; c++) {
      if (next() % 100 == 0) {
        n += snprintf(row + n, sizeof row - (size_t)n, ",NA");
        continue;
      }
      double u = (double)(next() >> 11) / 9007199254740992.0;
      switch (c) {
      case 0: n += snprintf(row + n, sizeof row - (size_t)n, ",%.2f", u * 1000); break;
      case 1: n += snprintf(row + n, sizeof row - (size_t)n, ",%.3f", u * 50); break;
      case 2: n += snprintf(row + n, sizeof row - (size_t)n, ",%.6f", u * 180 - 90); break;
      case 3: n += snprintf(row + n, sizeof row - (size_t)n, ",%.6f", u * 360 - 180); break;
      case 4: n += snprintf(row + n, sizeof row - (size_t)n, ",%.4f", u); break;
      default: n += snprintf(row + n, sizeof row - (size_t)n, ",%.9g", u * 1e-3); break;
      }
    }
    /* Three integers. */
    for (int c = 0; c < 3; c++) {
      if (next() % 100 == 0) {
        n += snprintf(row + n, sizeof row - (size_t)n, ",NA");
        continue;
      }
      uint64_t v = next();
      switch (c) {
      case 0: n += snprintf(row + n, sizeof row - (size_t)n, ",%" PRIu64, v % 100000); break;
      case 1: n += snprintf(row + n, sizeof row - (size_t)n, ",%" PRIu64, 1950 + v % 75); break;
      default: n += snprintf(row + n, sizeof row - (size_t)n, ",%" PRId64, (int64_t)(v % 2000001) - 1000000); break;
      }
    }
    n += snprintf(row + n, sizeof row - (size_t)n, ",%s\n", cats[next() % 8]);
    fwrite(row, 1, (size_t)n, fp);
    written += n;
  }
  if (fclose(fp) != 0) {
    perror(argv[1]);
    return 1;
  }
  return 0;
}
