/* main.c — STUB while being written. */
int main(void) { return 0; }
