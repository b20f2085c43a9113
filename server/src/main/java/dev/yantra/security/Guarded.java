package dev.yantra.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the surface of a controller (or of one handler method, which wins). Every dev.yantra handler must carry
 * one: {@link SurfaceGuard} refuses a handler without it, and a test checks every mapping of the application.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Guarded {
    Surface value();
}
