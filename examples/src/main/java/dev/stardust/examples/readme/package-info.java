/** The README's code, compiled: {@code ReadmeSnippetTest} checks that the README shows exactly these files. */
@NullMarked
package dev.stardust.examples.readme;

import org.jspecify.annotations.NullMarked;
