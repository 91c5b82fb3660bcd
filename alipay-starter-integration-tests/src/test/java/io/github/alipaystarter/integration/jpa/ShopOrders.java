package io.github.alipaystarter.integration.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

interface ShopOrders extends JpaRepository<ShopOrder, String> {

}
