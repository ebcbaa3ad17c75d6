package io.loopcrm.commerce.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the commerce module's nightly jobs (the buying-behaviour refresh). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CommerceScheduling {

}
