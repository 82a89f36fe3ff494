/** Running a program in a container ({@code kubectl exec}, argv form, never a shell). */
package dev.deckhand.commands.exec;
