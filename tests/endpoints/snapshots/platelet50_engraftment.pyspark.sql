WITH `t6` AS (
  SELECT
    `t3`.`patient_id`,
    MIN(`t3`.`day`) AS `first_transfusion_day`
  FROM (
    SELECT
      `t0`.`patient_id`,
      `t0`.`day`
    FROM `transfusions` AS `t0`
    WHERE
      `t0`.`product` = 'platelets' AND `t0`.`day` >= 0
  ) AS `t3`
  GROUP BY
    1
), `t12` AS (
  SELECT
    `t11`.`patient_id`,
    `t11`.`day`,
    `t11`.`value`,
    `t11`.`platelet_engraftment_meets`,
    `t11`.`platelet50_engraftment_meets`,
    `t11`.`platelet_engraftment_meets`
    AND COALESCE(
      LEAD(`t11`.`platelet_engraftment_meets`, 1) OVER (PARTITION BY `t11`.`patient_id` ORDER BY `t11`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t11`.`platelet_engraftment_meets`, 2) OVER (PARTITION BY `t11`.`patient_id` ORDER BY `t11`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t11`.`day`, 1) OVER (PARTITION BY `t11`.`patient_id` ORDER BY `t11`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t11`.`day`, 2) OVER (PARTITION BY `t11`.`patient_id` ORDER BY `t11`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet_engraftment_run_start`,
    SUM(IF(`t11`.`platelet_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t11`.`patient_id`
      ORDER BY `t11`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet_engraftment_failed_before`,
    `t11`.`platelet50_engraftment_meets`
    AND COALESCE(
      LEAD(`t11`.`platelet50_engraftment_meets`, 1) OVER (PARTITION BY `t11`.`patient_id` ORDER BY `t11`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t11`.`platelet50_engraftment_meets`, 2) OVER (PARTITION BY `t11`.`patient_id` ORDER BY `t11`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t11`.`day`, 1) OVER (PARTITION BY `t11`.`patient_id` ORDER BY `t11`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t11`.`day`, 2) OVER (PARTITION BY `t11`.`patient_id` ORDER BY `t11`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `platelet50_engraftment_run_start`,
    SUM(IF(`t11`.`platelet50_engraftment_meets`, 0, 1)) OVER (
      PARTITION BY `t11`.`patient_id`
      ORDER BY `t11`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `platelet50_engraftment_failed_before`
  FROM (
    SELECT
      `t9`.`patient_id`,
      `t9`.`day`,
      `t9`.`value`,
      `t9`.`value` >= 20.0 AS `platelet_engraftment_meets`,
      `t9`.`value` >= 50.0 AS `platelet50_engraftment_meets`
    FROM (
      SELECT
        `t4`.`patient_id`,
        `t4`.`day`,
        MIN(IF(`t4`.`qualifier` = '<', 0.0, `t4`.`value`)) AS `value`
      FROM (
        SELECT
          *
        FROM `labs` AS `t1`
        WHERE
          `t1`.`analyte` = 'plt' AND `t1`.`day` >= 0
      ) AS `t4`
      GROUP BY
        1,
        2
    ) AS `t9`
  ) AS `t11`
), `t16` AS (
  SELECT
    `t13`.`patient_id`,
    BOOL_OR(NOT (
      `t13`.`platelet_engraftment_meets`
    )) AS `platelet_engraftment_fell`,
    BOOL_OR(NOT (
      `t13`.`platelet50_engraftment_meets`
    )) AS `platelet50_engraftment_fell`
  FROM `t12` AS `t13`
  GROUP BY
    1
)
SELECT
  `t36`.`patient_id`,
  `t36`.`day`,
  COALESCE(`t36`.`platelet50_engraftment_fell`, FALSE)
  OR (
    `t36`.`first_transfusion_day` IS NOT NULL
  ) AS `applicable`
FROM (
  SELECT
    `t35`.`patient_id`,
    `t35`.`platelet_engraftment_fell`,
    `t35`.`platelet50_engraftment_fell`,
    `t35`.`first_transfusion_day`,
    `t35`.`day`
  FROM (
    SELECT
      `t32`.`patient_id`,
      `t32`.`platelet_engraftment_fell`,
      `t32`.`platelet50_engraftment_fell`,
      `t32`.`first_transfusion_day`,
      `t34`.`patient_id` AS `patient_id_right`,
      `t34`.`day`
    FROM (
      SELECT
        `t30`.`patient_id`,
        `t30`.`platelet_engraftment_fell`,
        `t30`.`platelet50_engraftment_fell`,
        `t30`.`first_transfusion_day`
      FROM (
        SELECT
          `t28`.`patient_id`,
          `t28`.`platelet_engraftment_fell`,
          `t28`.`platelet50_engraftment_fell`,
          `t8`.`patient_id` AS `patient_id_right`,
          `t8`.`first_transfusion_day`
        FROM (
          SELECT
            `t25`.`patient_id`,
            `t25`.`platelet_engraftment_fell`,
            `t25`.`platelet50_engraftment_fell`
          FROM (
            SELECT
              `t23`.`patient_id`,
              `t18`.`patient_id` AS `patient_id_right`,
              `t18`.`platelet_engraftment_fell`,
              `t18`.`platelet50_engraftment_fell`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t17`.`patient_id`
                FROM `t16` AS `t17`
              ) AS `t20`
              UNION
              SELECT
                *
              FROM (
                SELECT
                  `t7`.`patient_id`
                FROM `t6` AS `t7`
              ) AS `t10`
            ) AS `t23`
            LEFT OUTER JOIN `t16` AS `t18`
              ON `t23`.`patient_id` = `t18`.`patient_id`
          ) AS `t25`
        ) AS `t28`
        LEFT OUTER JOIN `t6` AS `t8`
          ON `t28`.`patient_id` = `t8`.`patient_id`
      ) AS `t30`
    ) AS `t32`
    LEFT OUTER JOIN (
      SELECT
        `t29`.`patient_id`,
        CAST(MIN(`t29`.`day`) AS BIGINT) AS `day`
      FROM (
        SELECT
          `t26`.`patient_id`,
          `t26`.`day`,
          `t26`.`failed_before`,
          `t26`.`first_transfusion_day`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t19`.`patient_id`,
              `t19`.`day`,
              `t19`.`failed_before`,
              `t19`.`first_transfusion_day`
            FROM (
              SELECT
                `t15`.`patient_id`,
                `t15`.`day`,
                `t15`.`failed_before`,
                `t8`.`patient_id` AS `patient_id_right`,
                `t8`.`first_transfusion_day`
              FROM (
                SELECT
                  `t13`.`patient_id`,
                  `t13`.`day`,
                  `t13`.`platelet50_engraftment_failed_before` AS `failed_before`
                FROM `t12` AS `t13`
                WHERE
                  `t13`.`platelet50_engraftment_run_start`
              ) AS `t15`
              LEFT OUTER JOIN `t6` AS `t8`
                ON `t15`.`patient_id` = `t8`.`patient_id`
            ) AS `t19`
          ) AS `t21`
          WHERE
            `t21`.`failed_before`
            OR COALESCE(`t21`.`first_transfusion_day` < `t21`.`day`, FALSE)
        ) AS `t26`
        LEFT ANTI JOIN (
          SELECT
            `t0`.`patient_id`,
            `t0`.`day`
          FROM `transfusions` AS `t0`
          WHERE
            `t0`.`product` = 'platelets'
        ) AS `t5`
          ON `t26`.`patient_id` = `t5`.`patient_id`
          AND `t5`.`day` <= `t26`.`day`
          AND `t5`.`day` > (
            `t26`.`day` - 7
          )
      ) AS `t29`
      GROUP BY
        1
    ) AS `t34`
      ON `t32`.`patient_id` = `t34`.`patient_id`
  ) AS `t35`
) AS `t36`
