/* main.c: placeholder until the application lands from the gui branch */
#include <adwaita.h>
int main (int argc, char *argv[]) { adw_init (); return 0; }
